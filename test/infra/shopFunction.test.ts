// What a ShopFunction ships: the entry bundle without the Stripe SDK (bundled beside it, in the asset's
// own node_modules, only for functions that can reach Stripe, and imported on the first Stripe call),
// and no source maps to load at a cold start unless the stage asks for them with -c sourceMaps=true.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { App, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { ShopFunction, SOURCE_MAPS_CONTEXT, type NativePackage } from '../../infra/constructs/shopFunction';
import { REPO_ROOT } from '../../infra/paths';

process.env.CDK_DISABLE_CLI_TELEMETRY = 'true';

interface Built {
  assetDir: string;
  environment: Record<string, unknown>;
  architectures: unknown;
}

/** Synthesizes a stack of one ShopFunction for `entry` (bundled with the local esbuild) and finds its asset folder. */
function build(entry: string, context: Record<string, unknown> = {}, nativePackages?: NativePackage[]): Built {
  const app = new App({ context: { 'aws:cdk:enable-asset-metadata': true, ...context } });
  const stack = new Stack(app, 'ShopFunctionTest');
  const table = new dynamodb.TableV2(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
  new ShopFunction(stack, 'Fn', { entry: path.join(REPO_ROOT, entry), table, shopUrl: 'https://shop.example.com', ...(nativePackages ? { nativePackages } : {}) });
  const assembly = app.synth();
  const template = assembly.getStackByName('ShopFunctionTest').template as {
    Resources: Record<string, { Type: string; Metadata?: Record<string, unknown>; Properties: { Architectures?: unknown; Environment?: { Variables?: Record<string, unknown> } } }>;
  };
  const fn = Object.values(template.Resources).find((r) => r.Type === 'AWS::Lambda::Function')!;
  return {
    assetDir: path.join(assembly.directory, String(fn.Metadata?.['aws:asset:path'])),
    environment: fn.Properties.Environment?.Variables ?? {},
    architectures: fn.Properties.Architectures,
  };
}

const files = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => f.split(path.sep).join('/')).sort();

describe('ShopFunction bundles', () => {
  it('keeps the Stripe SDK out of the entry of a payment function and ships it beside it, loaded on first use', () => {
    const { assetDir } = build('functions/checkout/placeOrder.ts');

    const entry = readFileSync(path.join(assetDir, 'index.mjs'), 'utf8');
    expect(entry).toContain('import("stripe")');
    expect(entry).not.toContain('api.stripe.com');
    expect(files(assetDir)).toEqual(['index.mjs', 'node_modules', 'node_modules/stripe', 'node_modules/stripe/index.mjs', 'node_modules/stripe/package.json']);
    expect(JSON.parse(readFileSync(path.join(assetDir, 'node_modules/stripe/package.json'), 'utf8'))).toEqual({ name: 'stripe', type: 'module', main: 'index.mjs' });
    expect(readFileSync(path.join(assetDir, 'node_modules/stripe/index.mjs'), 'utf8')).toContain('api.stripe.com');
    // What the entry's import('stripe') finds in the asset, as Lambda's Node resolves it: a working SDK.
    const probe = "const { default: Stripe } = await import('stripe'); new Stripe('sk_test_probe'); process.stdout.write(typeof Stripe.errors.StripeInvalidRequestError);";
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: assetDir, encoding: 'utf8' })).toBe('function');
  });

  it('ships no Stripe SDK with a function that never calls Stripe', () => {
    const { assetDir } = build('functions/catalog/listMinerals.ts');

    expect(files(assetDir)).toEqual(['index.mjs']);
  });

  it('ships sharp installed, with its Linux x64 binaries, beside the photo function, which runs on x86_64', () => {
    const { assetDir, architectures } = build('functions/photos/processPhotoUploads.ts', {}, ['sharp']);

    expect(architectures).toEqual(['x86_64']);
    const entry = readFileSync(path.join(assetDir, 'index.mjs'), 'utf8');
    expect(entry).toContain('from"sharp"');
    expect(entry).not.toContain('libvips');
    const shipped = files(assetDir);
    expect(shipped).toContain('node_modules/sharp/package.json');
    expect(shipped.some((f) => /^node_modules\/@img\/sharp-linux-x64\/.*\.node$/.test(f))).toBe(true);
    expect(shipped.some((f) => /^node_modules\/@img\/sharp-libvips-linux-x64\/.*libvips.*\.so/.test(f))).toBe(true);
    // What the entry's import finds in the asset, as Lambda's Node resolves it: a working sharp.
    const probe = "const { default: sharp } = await import('sharp'); const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#fff' } }).png().toBuffer(); process.stdout.write((await sharp(png).metadata()).format);";
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: assetDir, encoding: 'utf8' })).toBe('png');
  });

  it('refuses to build a function that imports a native package it does not declare', () => {
    expect(() => build('functions/photos/processPhotoUploads.ts')).toThrow(/imports sharp, a native package its function does not declare/);
  });

  it('runs a function with no native package on arm64', () => {
    expect(build('functions/catalog/listMinerals.ts').architectures).toEqual(['arm64']);
  });

  it('builds no source maps and loads none at a cold start by default', () => {
    const { assetDir, environment } = build('functions/catalog/listMinerals.ts');

    expect(files(assetDir).filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(environment.NODE_OPTIONS).toBeUndefined();
  });

  it(`builds source maps, and has Node load them, for a stage that asks with -c ${SOURCE_MAPS_CONTEXT}=true`, () => {
    const { assetDir, environment } = build('functions/checkout/placeOrder.ts', { [SOURCE_MAPS_CONTEXT]: 'true' });

    expect(files(assetDir).filter((f) => f.endsWith('.map'))).toEqual(['index.mjs.map', 'node_modules/stripe/index.mjs.map']);
    expect(environment.NODE_OPTIONS).toBe('--enable-source-maps');
    expect(existsSync(path.join(assetDir, 'node_modules/stripe/index.mjs'))).toBe(true);
  });
});
