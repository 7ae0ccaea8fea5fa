// Lapsed holds go back on the shelf exactly once — whoever gets there first: two overlapping sweeps,
// a TTL deletion seen through the table stream, or a redelivery of that stream record.
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handler as releaseTtlDeletedHolds } from '../../functions/jobs/releaseTtlDeletedHolds';
import { createGuestCart, refreshCartForCheckout, setLineQuantity, viewCart } from '../../shared/carts/carts';
import { HOLD_LIMITS } from '../../shared/domain/holds';
import { dynamo, tableName } from '../../shared/db/client';
import { lineKey, loadCart } from '../../shared/db/carts';
import { getStockCounters, mineralKey, putMinerals, stockKey } from '../../shared/db/minerals';
import { releaseHold, StaleLineError, writeLine } from '../../shared/db/holds';
import { releaseExpiredHolds } from '../../shared/inventory/releaseHolds';
import { reconcileInventory } from '../../shared/inventory/reconcile';
import { aMineral } from '../support/builders';
import { aLambdaContext } from '../support/lambda';

const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000);

async function aCartHolding(mineralId: string, quantity: number) {
  const { cartId, cartToken } = await createGuestCart();
  await setLineQuantity(cartId, mineralId, quantity, { cartToken });
  const line = (await loadCart(cartId))!.lines[0]!;
  return { cartId, cartToken, line };
}

/** Deletes a line the way TTL would, and returns the stream record DynamoDB would emit for it. */
async function deleteAsTtl(cartId: string, mineralId: string, byTtl = true): Promise<DynamoDBRecord> {
  const res = await dynamo.send(new DeleteCommand({ TableName: tableName, Key: lineKey(cartId, mineralId), ReturnValues: 'ALL_OLD' }));
  return {
    eventID: `${cartId}-${mineralId}`,
    eventName: 'REMOVE',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    ...(byTtl ? { userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } } : {}),
    dynamodb: {
      Keys: marshall(lineKey(cartId, mineralId)) as never,
      OldImage: marshall(res.Attributes ?? {}, { removeUndefinedValues: true }) as never,
      SequenceNumber: String(Date.now()),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

const streamEvent = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });

describe('releasing a lapsed hold', () => {
  it('puts the units back exactly once when two sweeps and a TTL delete race', async () => {
    const m = aMineral({ available: 3 });
    await putMinerals([m]);
    const { cartId, line } = await aCartHolding(m.id, 2);
    expect(await getStockCounters(m.id)).toMatchObject({ available: 1, held: 2 });

    const later = minutesFromNow(25);
    const ttl = (async () => {
      const record = await deleteAsTtl(cartId, line.mineralId);
      // The stream delivers at least once: the same record twice.
      await Promise.all([
        releaseTtlDeletedHolds(streamEvent(record), aLambdaContext()),
        releaseTtlDeletedHolds(streamEvent(record), aLambdaContext()),
      ]);
    })();
    await Promise.all([releaseExpiredHolds(later), releaseExpiredHolds(later), ttl]);

    expect(await getStockCounters(m.id)).toMatchObject({ available: 3, held: 0 });
  });

  it('is done by the sweep only for holds that expired, and only once across repeated sweeps', async () => {
    const m = aMineral({ available: 5 });
    await putMinerals([m]);
    await aCartHolding(m.id, 2);
    await releaseExpiredHolds(new Date());
    expect(await getStockCounters(m.id)).toMatchObject({ available: 3, held: 2 });
    for (let i = 0; i < 3; i++) await releaseExpiredHolds(minutesFromNow(25));
    expect(await getStockCounters(m.id)).toMatchObject({ available: 5, held: 0 });
  });

  it('ignores deletes that TTL did not make (a shopper removing a line gives back stock itself)', async () => {
    const m = aMineral({ available: 4 });
    await putMinerals([m]);
    const { cartId, line } = await aCartHolding(m.id, 1);
    const record = await deleteAsTtl(cartId, line.mineralId, false);
    const result = await releaseTtlDeletedHolds(streamEvent(record), aLambdaContext());
    expect(result).toEqual({ batchItemFailures: [] });
    // The test deleted the line behind the shop's back, so nothing gave the unit back.
    expect(await getStockCounters(m.id)).toMatchObject({ available: 3, held: 1 });
    // Put the books straight for the reconciliation at the end of this file.
    await dynamo.send(
      new UpdateCommand({ TableName: tableName, Key: stockKey(m.id), UpdateExpression: 'SET available = available + :one, held = held - :one', ExpressionAttributeValues: { ':one': 1 } }),
    );
  });

  it('does not touch a hold the shopper extended just before the sweep', async () => {
    const m = aMineral({ available: 2 });
    await putMinerals([m]);
    const { cartId, cartToken, line } = await aCartHolding(m.id, 1);
    // The shopper comes back after 15 minutes and changes the cart: the hold slides forward.
    const view = await setLineQuantity(cartId, m.id, 1, { cartToken }, minutesFromNow(15));
    expect(view.lines[0]!.holdExpiresAt! > line.holdExpiresAt!).toBe(true);
    await releaseExpiredHolds(minutesFromNow(25));
    expect(await getStockCounters(m.id)).toMatchObject({ available: 1, held: 1 });
  });
});

describe('nobody holds a specimen hostage (HOLD_LIMITS)', () => {
  it('reading a cart never moves a hold: a cart only read lapses on time, and the sweep frees its units', async () => {
    const m = aMineral({ available: 1 });
    await putMinerals([m]);
    const { cartId, cartToken, line } = await aCartHolding(m.id, 1);
    for (const minutes of [5, 11, 15, 19]) await viewCart(cartId, { cartToken }, minutesFromNow(minutes));
    expect((await loadCart(cartId))!.lines[0]).toMatchObject({ holdExpiresAt: line.holdExpiresAt, version: line.version });
    await releaseExpiredHolds(minutesFromNow(21));
    expect(await getStockCounters(m.id)).toMatchObject({ available: 1, held: 0 });
  });

  it('a hold ends at its maximum life however busy the cart; changes cannot take it back until the cooldown ends', async () => {
    const m = aMineral({ available: 1, name: 'Benitoite' });
    await putMinerals([m]);
    const { cartId, cartToken, line } = await aCartHolding(m.id, 1);
    const life = HOLD_LIMITS.maxLifeMinutes.guest;
    // A busy cart (a change every 10 minutes) slides its hold, but never past the hold's life.
    for (let minutes = 10; minutes < life; minutes += 10) await setLineQuantity(cartId, m.id, 1, { cartToken }, minutesFromNow(minutes));
    const lifeEnd = new Date(new Date(line.heldSince!).getTime() + life * 60_000).toISOString();
    expect((await loadCart(cartId))!.lines[0]!.holdExpiresAt).toBe(lifeEnd);
    // Past its life the hold lapses; the cart cannot take it again at once, and the sweep frees the unit.
    const after = minutesFromNow(life + 1);
    expect((await setLineQuantity(cartId, m.id, 1, { cartToken }, after)).lines[0]!.holdExpiresAt).toBe(lifeEnd);
    await releaseExpiredHolds(after);
    expect(await getStockCounters(m.id)).toMatchObject({ available: 1, held: 0 });
    await expect(setLineQuantity(cartId, m.id, 1, { cartToken }, after)).rejects.toMatchObject({ status: 409, code: 'hold_cooling' });
    // Lowering or removing is always allowed; after the cooldown a change takes a new hold.
    const cooled = minutesFromNow(life + HOLD_LIMITS.cooldownMinutes + 1);
    const again = await setLineQuantity(cartId, m.id, 1, { cartToken }, cooled);
    expect(again.lines[0]!.holdExpiresAt).toBe(new Date(cooled.getTime() + 20 * 60_000).toISOString());
    expect(await getStockCounters(m.id)).toMatchObject({ available: 0, held: 1 });
    await setLineQuantity(cartId, m.id, 0, { cartToken }, cooled);
    expect(await getStockCounters(m.id)).toMatchObject({ available: 1, held: 0 });
  });

  it('gives a line from before holds had a maximum life its start at its first slide, so its life ends too', async () => {
    const m = aMineral({ available: 1 });
    await putMinerals([m]);
    const { cartId, cartToken } = await aCartHolding(m.id, 1);
    await dynamo.send(new UpdateCommand({ TableName: tableName, Key: lineKey(cartId, m.id), UpdateExpression: 'REMOVE heldSince' }));
    const slidAt = minutesFromNow(15);
    await setLineQuantity(cartId, m.id, 1, { cartToken }, slidAt);
    expect((await loadCart(cartId))!.lines[0]!.heldSince).toBe(slidAt.toISOString());
  });

  it('checking out takes a hold past its life back (the shopper can always buy what is there)', async () => {
    const m = aMineral({ available: 1 });
    await putMinerals([m]);
    const { cartId, cartToken } = await aCartHolding(m.id, 1);
    const after = minutesFromNow(HOLD_LIMITS.maxLifeMinutes.guest + 1);
    await releaseExpiredHolds(after);
    const view = await refreshCartForCheckout(cartId, { cartToken }, after);
    expect(view.notices).toEqual([]);
    expect(view.lines[0]!.holdExpiresAt! > after.toISOString()).toBe(true);
    expect(await getStockCounters(m.id)).toMatchObject({ available: 0, held: 1 });
  });
});

describe('a shopper acting on a line while the sweep releases it', () => {
  // Found by the randomized run below: a removal that read the line before a sweep released it
  // failed both its conditions (line version, mineral held count) and was taken for corrupt counters.
  it('is told the line changed (and retrying gives the units back once), not that the counters are wrong', async () => {
    const m = aMineral({ available: 2 });
    await putMinerals([m]);
    const { cartId, cartToken, line } = await aCartHolding(m.id, 2);
    expect(await releaseHold(line)).toBe('released');
    await expect(writeLine(cartId, m.id, line, null)).rejects.toBeInstanceOf(StaleLineError);
    await setLineQuantity(cartId, m.id, 0, { cartToken });
    expect(await getStockCounters(m.id)).toMatchObject({ available: 2, held: 0 });
    expect((await loadCart(cartId))!.lines).toEqual([]);
  });
});

describe('a sweep working from a stale view of the index', () => {
  // Found in review: a removed and re-added line starts again at version 1, so version and held alone
  // matched the new hold and a stale sweep released it.
  it('does not release a new hold that happens to have the old one’s version', async () => {
    const m = aMineral({ available: 1 });
    await putMinerals([m]);
    const { cartId, cartToken, line: stale } = await aCartHolding(m.id, 1);
    await setLineQuantity(cartId, m.id, 0, { cartToken });
    await new Promise((r) => setTimeout(r, 5)); // a new hold gets a new expiry
    await setLineQuantity(cartId, m.id, 1, { cartToken });
    const fresh = (await loadCart(cartId))!.lines[0]!;
    expect(fresh.version).toBe(stale.version);
    expect(await releaseHold(stale)).toBe('skipped');
    expect(await getStockCounters(m.id)).toMatchObject({ available: 0, held: 1 });
  });
});

describe('a hold that cannot be released', () => {
  // Found in review: the sweep re-read the index from its head, so a page full of holds it could not
  // release (their mineral gone, say) stopped every hold behind them from ever being released.
  it('is passed over, and the holds behind it are still released', async () => {
    const [gone, kept] = [aMineral({ available: 1 }), aMineral({ available: 1 })];
    await putMinerals([gone, kept]);
    await aCartHolding(gone.id, 1);
    await new Promise((r) => setTimeout(r, 5));
    await aCartHolding(kept.id, 1);
    await dynamo.send(new DeleteCommand({ TableName: tableName, Key: mineralKey(gone.id) }));
    const result = await releaseExpiredHolds(minutesFromNow(25), 1);
    expect(result.released).toBeGreaterThanOrEqual(1);
    expect(await getStockCounters(kept.id)).toMatchObject({ available: 1, held: 0 });
  });

  it('does not break the cart that held it: the line goes, with a notice', async () => {
    const gone = aMineral({ available: 1 });
    await putMinerals([gone]);
    const { cartId, cartToken } = await aCartHolding(gone.id, 1);
    await dynamo.send(new DeleteCommand({ TableName: tableName, Key: mineralKey(gone.id) }));
    const view = await viewCart(cartId, { cartToken });
    expect(view.lines).toEqual([]);
    expect(view.notices).toEqual(['An item that is no longer sold was removed from your cart.']);
  });
});

describe('reconciliation', () => {
  it('reports drift without fixing it', async () => {
    const m = aMineral({ available: 5 });
    await putMinerals([m]);
    await dynamo.send(
      new UpdateCommand({ TableName: tableName, Key: stockKey(m.id), UpdateExpression: 'SET available = :n', ExpressionAttributeValues: { ':n': 7 } }),
    );
    const { drifts } = await reconcileInventory();
    expect(drifts).toEqual([expect.objectContaining({ mineralId: m.id, difference: 2, ledgerTotal: 5 })]);
    expect(await getStockCounters(m.id)).toMatchObject({ available: 7 });
    await dynamo.send(
      new UpdateCommand({ TableName: tableName, Key: stockKey(m.id), UpdateExpression: 'SET available = :n', ExpressionAttributeValues: { ':n': 5 } }),
    );
  });
});

describe('reconciliation beyond the invariant', () => {
  it('reports a held counter that disagrees with the cart lines, and a hold the sweep never released', async () => {
    const m = aMineral({ available: 4 });
    await putMinerals([m]);
    const { cartId, line } = await aCartHolding(m.id, 1);
    // One unit moves from the shelf to `held` with no cart line behind it: the invariant still balances.
    const shift = (n: number) =>
      dynamo.send(
        new UpdateCommand({
          TableName: tableName,
          Key: stockKey(m.id),
          UpdateExpression: 'SET available = available - :n, held = held + :n',
          ExpressionAttributeValues: { ':n': n },
        }),
      );
    await shift(1);
    // And the line's hold lapsed an hour ago without being released.
    const lapsed = new Date(Date.now() - 60 * 60_000).toISOString();
    const setExpiry = (at: string) =>
      dynamo.send(
        new UpdateCommand({ TableName: tableName, Key: lineKey(cartId, m.id), UpdateExpression: 'SET holdExpiresAt = :e', ExpressionAttributeValues: { ':e': at } }),
      );
    await setExpiry(lapsed);

    const report = await reconcileInventory();
    expect(report.drifts.filter((d) => d.mineralId === m.id)).toEqual([]);
    expect(report.findings.filter((f) => f.mineralId === m.id).map((f) => f.kind).sort()).toEqual(['heldMismatch', 'staleHold']);
    // Reported, never fixed.
    expect(await getStockCounters(m.id)).toMatchObject({ available: 2, held: 2 });

    await shift(-1);
    await setExpiry(line.holdExpiresAt!);
    expect((await reconcileInventory()).findings.filter((f) => f.mineralId === m.id)).toEqual([]);
  });
});

describe('a randomized concurrent run of adds, removes and expiries', () => {
  it('leaves every mineral balanced and every held unit in exactly one cart line', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('set' as const), cart: fc.nat(3), mineral: fc.nat(2), quantity: fc.nat(4) }),
            fc.record({ kind: fc.constant('view' as const), cart: fc.nat(3) }),
            fc.record({ kind: fc.constant('sweep' as const), minutes: fc.integer({ min: 0, max: 30 }) }),
          ),
          { minLength: 5, maxLength: 30 },
        ),
        fc.array(fc.nat(3), { minLength: 3, maxLength: 3 }),
        async (ops, stock) => {
          const minerals = stock.map((available) => aMineral({ available }));
          await putMinerals(minerals);
          const carts = await Promise.all(Array.from({ length: 4 }, () => createGuestCart()));
          // Run the operations in concurrent waves of up to five.
          for (let i = 0; i < ops.length; i += 5) {
            await Promise.all(
              ops.slice(i, i + 5).map(async (op) => {
                if (op.kind === 'sweep') return releaseExpiredHolds(minutesFromNow(op.minutes));
                const cart = carts[op.cart]!;
                if (op.kind === 'view') return viewCart(cart.cartId, { cartToken: cart.cartToken });
                return setLineQuantity(cart.cartId, minerals[op.mineral]!.id, op.quantity, { cartToken: cart.cartToken }).catch(
                  (error: { status?: number }) => {
                    if (error.status !== 409) throw error;
                  },
                );
              }),
            );
          }
          const lines = (await Promise.all(carts.map((c) => loadCart(c.cartId)))).flatMap((c) => c!.lines);
          for (const m of minerals) {
            const counters = await getStockCounters(m.id);
            const heldInLines = lines.filter((l) => l.mineralId === m.id).reduce((n, l) => n + l.held, 0);
            expect(counters!.held).toBe(heldInLines);
            expect(counters!.available + counters!.held).toBe(m.available);
            expect(counters!.available).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 12 },
    );
    const report = await reconcileInventory();
    expect(report.drifts).toEqual([]);
    expect(report.findings).toEqual([]);
  });
});
