// Cart use cases. A cart line is a hold on real stock (docs/architecture.md §4–5): raising a quantity takes
// units off the shelf in the same transaction that writes the line, lowering gives them back, and a
// line whose hold lapsed is re-acquired (or lowered, with a notice) the next time the cart is seen.
import { randomUUID } from 'node:crypto';
import { isPublished, type Mineral } from '../domain/catalog';
import * as z from 'zod';
import { readEnv } from '../config';
import { CART_LIMITS, HOLD_LIMITS, HOLD_MINUTES, holdLifeEnd, planHold, planReacquire, stockNotice, type CartOwnerKind, type HoldPlan } from '../domain/holds';
import { hashCartToken, newCartToken, ownedCart, ownsCart, type CartCaller } from '../auth/cartAccess';
import { claimActiveCart, createCart, getActiveCartId, loadCart, type CartHeader, type CartLine } from '../db/carts';
import {
  CartClosedError,
  CartFullError,
  extendHold,
  InsufficientStockError,
  LastUnitError,
  MineralMissingError,
  SlotTakenError,
  mergeCarts,
  StaleLineError,
  writeLine,
  type MergePlan,
} from '../db/holds';
import { isTransientConflict, retryRaces } from '../db/conflicts';
import { getMinerals } from '../db/minerals';
import { freeSlotNumber, releaseSlot, slotId } from '../db/holdSlots';
import { getUser } from '../db/users';
import { SHOP_URL } from '../email/links';
import { activeSalePrice } from '../domain/promotions';
import { enqueueEmail } from '../email/outbox';
import { ConflictError, NotFoundError, UnauthorizedError, ValidationError } from '../errors';
import { logger } from '../logger';

const minutes = z.string().regex(/^\d+$/, 'must be a whole number of minutes').transform(Number).pipe(z.number().min(1).max(24 * 60));
/** Hold windows can be shortened (e.g. HOLD_MINUTES_GUEST=1 npm start, to watch a hold lapse). */
const holdMinutes = readEnv({
  HOLD_MINUTES_GUEST: minutes.optional().transform((v) => v ?? HOLD_MINUTES.guest),
  HOLD_MINUTES_SHOPPER: minutes.optional().transform((v) => v ?? HOLD_MINUTES.shopper),
});

const ownerKind = (header: CartHeader): CartOwnerKind => (header.owner.kind === 'guest' ? 'guest' : 'shopper');

/** The hold a change to the cart gives `line` now (HOLD_LIMITS: a window, within the hold's maximum life). */
const windowMinutes = (header: CartHeader) => (ownerKind(header) === 'guest' ? holdMinutes.HOLD_MINUTES_GUEST : holdMinutes.HOLD_MINUTES_SHOPPER);

function holdFor(now: Date, header: CartHeader, line: Pick<CartLine, 'heldSince'> | undefined): HoldPlan {
  return planHold(now, ownerKind(header), line?.heldSince ? new Date(line.heldSince) : null, windowMinutes(header));
}

const windowOf = (plan: HoldPlan) => ('expiresAt' in plan ? plan : undefined);

const coolingMessage = (name: string, until: Date) =>
  `${name} has been held in this cart for as long as a hold lasts, so it is back on the shelf for others until ${until.toISOString().slice(11, 16)} UTC. Check out now to buy it if it is still there.`;

/**
 * Writes a line's hold. A guest taking the last unit of a mineral also takes one of its client's
 * last-unit slots (HOLD_LIMITS.lastUnitsPerClient) in the same transaction; without a free slot it is
 * refused. A hold keeps its slot for its whole life. Returns the line as written.
 */
async function writeHold(header: CartHeader, current: CartLine | undefined, next: CartLine, clientKey: string | undefined): Promise<CartLine> {
  const keepsSlot = current?.lastUnitSlot && current.heldSince === next.heldSince ? current.lastUnitSlot : null;
  const line: CartLine = { ...next, lastUnitSlot: keepsSlot };
  const taking = next.held > (current?.held ?? 0);
  if (header.owner.kind !== 'guest' || !clientKey || !taking || keepsSlot) {
    await writeLine(header.cartId, next.mineralId, current, line);
    return line;
  }
  try {
    await writeLine(header.cartId, next.mineralId, current, line, { leaveLastUnit: true });
    return line;
  } catch (error) {
    if (!(error instanceof LastUnitError)) throw error;
  }
  const until = holdLifeEnd(new Date(next.heldSince ?? next.updatedAt), 'guest').toISOString();
  for (let attempt = 0; attempt < 2 * HOLD_LIMITS.lastUnitsPerClient; attempt++) {
    const now = new Date();
    const n = await freeSlotNumber(clientKey, now);
    if (n === undefined) {
      // No slot: say so only if the last unit is still there (if someone took it, that is the answer).
      try {
        await writeLine(header.cartId, next.mineralId, current, line, { leaveLastUnit: true });
        return line;
      } catch (error) {
        if (!(error instanceof LastUnitError)) throw error;
      }
      throw new ConflictError(
        `As a guest you can hold the last piece of at most ${HOLD_LIMITS.lastUnitsPerClient} minerals at a time. Check out what you hold, remove something, or sign in to hold more.`,
        'hold_limit',
        { details: { limit: HOLD_LIMITS.lastUnitsPerClient } },
      );
    }
    const withSlot: CartLine = { ...line, lastUnitSlot: slotId({ clientKey, n }) };
    try {
      await writeLine(header.cartId, next.mineralId, current, withSlot, { slot: { clientKey, n, cartId: header.cartId, mineralId: next.mineralId, until } });
      return withSlot;
    } catch (error) {
      if (!(error instanceof SlotTakenError)) throw error;
    }
  }
  throw new ConflictError('The cart is busy; please try again.', 'cart_busy');
}

/**
 * When a cancelled checkout gives the cart back: each hold ends no later than a change to the cart would
 * have it end now (HOLD_LIMITS), never at the payment window's stretched end. The lines to shorten.
 */
export function holdsAfterCancelledCheckout(header: CartHeader, lines: readonly CartLine[], now: Date): Array<{ line: CartLine; holdExpiresAt: string }> {
  return lines.flatMap((line) => {
    if (line.held <= 0 || !line.holdExpiresAt) return [];
    const plan = holdFor(now, header, line);
    const cap = 'expiresAt' in plan ? plan.expiresAt : holdLifeEnd(new Date(line.heldSince ?? now.toISOString()), ownerKind(header));
    return cap.toISOString() < line.holdExpiresAt ? [{ line, holdExpiresAt: cap.toISOString() }] : [];
  });
}

/** Runs `step` again while it loses races (a line changed, a transaction conflicted). */
function withRetries<T>(step: () => Promise<T>): Promise<T> {
  return retryRaces(step, {
    lost: (error) => error instanceof StaleLineError,
    exhausted: (cause) => new ConflictError('The cart is busy; please try again.', 'cart_busy', { cause }),
  });
}

export interface CartView {
  cartId: string;
  status: CartHeader['status'];
  /** While status is `checkout`: the order awaiting payment. */
  checkoutOrderId: string | null;
  lines: Array<{
    mineralId: string;
    name: string;
    image: string;
    unitPriceCents: number;
    /** The list price, when a sale makes unitPriceCents lower. */
    listUnitPriceCents: number;
    currency: 'USD';
    quantity: number;
    lineTotalCents: number;
    /** Units still on the shelf, beyond what this line holds. */
    available: number;
    holdExpiresAt: string | null;
  }>;
  itemCount: number;
  subtotalCents: number;
  currency: 'USD';
  /** When the earliest hold lapses. */
  holdExpiresAt: string | null;
  notices: string[];
}

function present(header: CartHeader, lines: CartLine[], minerals: Map<string, Mineral>, notices: string[], now = new Date()): CartView {
  const viewLines = lines
    .filter((l) => minerals.has(l.mineralId))
    .sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.mineralId.localeCompare(b.mineralId))
    .map((l) => {
      const m = minerals.get(l.mineralId)!;
      // A running flash sale prices the cart as the checkout will (bulk tiers show in the quote).
      const unitPriceCents = activeSalePrice(m.priceCents, m.flashSale, now)?.priceCents ?? m.priceCents;
      return {
        mineralId: l.mineralId,
        name: m.name,
        image: m.image,
        unitPriceCents,
        listUnitPriceCents: m.priceCents,
        currency: m.currency,
        quantity: l.quantity,
        lineTotalCents: unitPriceCents * l.quantity,
        available: m.available,
        holdExpiresAt: l.holdExpiresAt,
      };
    });
  const expiries = viewLines.map((l) => l.holdExpiresAt).filter((e): e is string => e !== null).sort();
  return {
    cartId: header.cartId,
    status: header.status,
    checkoutOrderId: header.checkoutOrderId ?? null,
    lines: viewLines,
    itemCount: viewLines.reduce((n, l) => n + l.quantity, 0),
    subtotalCents: viewLines.reduce((n, l) => n + l.lineTotalCents, 0),
    currency: 'USD',
    holdExpiresAt: expiries[0] ?? null,
    notices,
  };
}

/**
 * Opens a cart: for a signed-in shopper their one active cart (made on first use, the same from any
 * device); for a guest a new anonymous cart and its token.
 */
export async function openCart(caller: CartCaller, now = new Date()) {
  if (!caller.shopperId) return createGuestCart(now);
  const cartId = await activeShopperCart(caller.shopperId, now);
  return { cartId, cart: await viewCart(cartId, caller, now) };
}

async function activeShopperCart(userId: string, now: Date): Promise<string> {
  const existing = await getActiveCartId(userId);
  if (existing) {
    const cart = await loadCart(existing);
    // A cart being paid for is still the shopper's cart: cancelling or an expired payment reopens it.
    if (cart?.header.status === 'active' || cart?.header.status === 'checkout') return existing;
  }
  const header: CartHeader = {
    cartId: randomUUID(),
    owner: { kind: 'shopper', userId },
    status: 'active',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  return claimActiveCart(userId, header, existing);
}

/** Creates an anonymous cart; the token is shown once and only its hash is kept. */
export async function createGuestCart(now = new Date()) {
  const cartToken = newCartToken();
  const header: CartHeader = {
    cartId: randomUUID(),
    owner: { kind: 'guest', tokenHash: hashCartToken(cartToken) },
    status: 'active',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  await createCart(header);
  return { cartId: header.cartId, cartToken, cart: present(header, [], new Map(), []) };
}

async function loadOwnedCart(cartId: string, caller: CartCaller) {
  return ownedCart(await loadCart(cartId), caller, cartId);
}

/**
 * Drops the lines of minerals no longer sold (their units go back), and, after a change to the cart
 * (never on a read: HOLD_LIMITS), brings every line's hold up to date: lapsed holds are taken again as far as stock allows (lowered or removed otherwise, with a notice),
 * and holds are slid forward, within their maximum life. A hold past its maximum life is left to
 * lapse, unless `checkout` (the shopper is buying: a new hold, if the units are there). Returns the
 * lines as they now are.
 */
async function refreshHolds(header: CartHeader, lines: CartLine[], minerals: Map<string, Mineral>, now: Date, notices: string[], after: 'read' | 'change' | 'checkout', clientKey?: string) {
  const checkout = after === 'checkout';
  const result: CartLine[] = [];
  for (const line of lines) {
    const mineral = minerals.get(line.mineralId);
    if (!mineral) {
      // The mineral item is gone (and its counters with it): drop the line; there is no shelf to give back to.
      await writeLine(header.cartId, line.mineralId, { ...line, held: 0 }, null).catch(ignoreLostRace);
      notices.push('An item that is no longer sold was removed from your cart.');
      continue;
    }
    if (!isPublished(mineral)) {
      // Archived (or back to draft) under the cart: like a sell-out, the line goes and its units return to the shelf.
      await writeLine(header.cartId, line.mineralId, line, null).catch(ignoreLostRace);
      notices.push(stockNotice(mineral.name, line.quantity, 0));
      continue;
    }
    if (after === 'read') {
      result.push(line);
      continue;
    }
    // Past its maximum life: left to lapse, unless the shopper is checking out (a new hold).
    const plan = windowOf(holdFor(now, header, line)) ?? (checkout ? windowOf(holdFor(now, header, undefined)) : undefined);
    if (!plan) {
      result.push(line);
      continue;
    }
    const expiresAt = plan.expiresAt.toISOString();
    const heldSince = plan.heldSince.toISOString();
    if (line.held >= line.quantity && line.holdExpiresAt && new Date(line.holdExpiresAt) > now) {
      // Slide the window only when it has used up half of itself, to spare writes on busy carts.
      const remaining = new Date(line.holdExpiresAt).getTime() - now.getTime();
      const half = windowMinutes(header) * 30_000;
      if (remaining < half && expiresAt > line.holdExpiresAt && (await extendHold(line, expiresAt, heldSince))) {
        result.push({ ...line, holdExpiresAt: expiresAt, heldSince: line.heldSince ?? heldSince, version: line.version + 1 });
      } else result.push(line);
      continue;
    }
    // Checking out is buying, not holding: it takes lines back without the per-client slots.
    const refreshed = await reacquire(header, line, mineral, expiresAt, heldSince, now, notices, checkout ? undefined : clientKey).catch((error: unknown) => {
      // The client holds as many last units as it may: this line stays unheld until checkout or a slot frees.
      if (error instanceof ConflictError && error.code === 'hold_limit') return line;
      throw error;
    });
    if (refreshed) result.push(refreshed);
  }
  return result;
}

function ignoreLostRace(error: unknown): void {
  if (error instanceof StaleLineError || isTransientConflict(error)) return;
  throw error;
}

/** Gave up re-acquiring a line after repeated races; `line` is the line as last read. */
class ReacquireGaveUp extends Error {
  constructor(readonly line: CartLine, options: { cause: unknown }) {
    super('gave up re-acquiring a hold after repeated races', options);
  }
}

/** Takes back what a lapsed line can still get. Returns the line as written, or undefined if removed. */
async function reacquire(header: CartHeader, line: CartLine, mineral: Mineral, expiresAt: string, heldSince: string, now: Date, notices: string[], clientKey?: string) {
  let current: CartLine = line;
  let available = mineral.available;
  let stale = false;
  const attempt = async (): Promise<CartLine | undefined> => {
    if (stale) {
      // Someone else changed the line (another tab, a sweep): read it again.
      const fresh = (await loadCart(header.cartId))?.lines.find((l) => l.mineralId === line.mineralId);
      if (!fresh) return undefined;
      current = fresh;
      stale = false;
    }
    const plan = planReacquire(current.quantity, current.held, available);
    const next: CartLine | null =
      plan.kind === 'none'
        ? null
        : {
            ...current,
            quantity: plan.kind === 'partial' ? plan.newQuantity : current.quantity,
            held: current.held + plan.take,
            holdExpiresAt: expiresAt,
            heldSince,
            version: current.version + 1,
            updatedAt: now.toISOString(),
          };
    let written: CartLine | null = null;
    try {
      if (next) written = await writeHold(header, current, next, clientKey);
      else await writeLine(header.cartId, line.mineralId, current, null);
    } catch (error) {
      // Fewer units on the shelf than planned: plan again with what is there.
      if (error instanceof InsufficientStockError) available = error.available;
      else if (error instanceof StaleLineError || isTransientConflict(error)) stale = true;
      throw error;
    }
    if (!next) notices.push(stockNotice(mineral.name, current.quantity, 0));
    else if (next.quantity < current.quantity) notices.push(stockNotice(mineral.name, current.quantity, next.quantity));
    return written ?? undefined;
  };
  try {
    return await retryRaces(attempt, {
      lost: (error) => error instanceof InsufficientStockError || error instanceof StaleLineError,
      exhausted: (cause) => new ReacquireGaveUp(current, { cause }),
    });
  } catch (error) {
    if (!(error instanceof ReacquireGaveUp)) throw error;
    logger.warn('gave up re-acquiring a hold after repeated races', { cartId: header.cartId, mineralId: line.mineralId });
    return error.line;
  }
}

/** The cart as it is: reading it never takes, extends or takes back a hold (HOLD_LIMITS). */
export async function viewCart(cartId: string, caller: CartCaller, now = new Date()): Promise<CartView> {
  const { header, lines } = await loadOwnedCart(cartId, caller);
  return viewOf(header, lines, now, 'read');
}

/** For checkout: the cart with every hold taken again as far as stock allows, and notices for what changed. */
export async function refreshCartForCheckout(cartId: string, caller: CartCaller, now = new Date()): Promise<CartView> {
  const { header, lines } = await loadOwnedCart(cartId, caller);
  return viewOf(header, lines, now, 'checkout');
}

async function viewOf(header: CartHeader, lines: CartLine[], now: Date, after: 'read' | 'change' | 'checkout', clientKey?: string): Promise<CartView> {
  const minerals = await getMinerals(lines.map((l) => l.mineralId));
  const notices: string[] = [];
  const current = header.status === 'active' ? await refreshHolds(header, lines, minerals, now, notices, after, clientKey) : lines;
  if (notices.length > 0 && header.owner.kind === 'shopper') await mailStockNotices(header.owner.userId, notices);
  return present(header, current, minerals, notices, now);
}

/** A signed-in shopper also gets the notices by mail: they may have left the page open on another device. */
async function mailStockNotices(userId: string, notices: string[]): Promise<void> {
  const user = await getUser(userId);
  if (!user || user.disabled) return;
  await enqueueEmail({ to: user.email, template: 'cartStockChanged', data: { name: user.name, notices, cartUrl: `${SHOP_URL}/cart` } });
}

/** A cart can change only while open; one being paid for says which order to finish or cancel. */
function assertEditable(header: CartHeader): void {
  if (header.status === 'active') return;
  if (header.status === 'checkout') {
    throw new ConflictError(
      'This cart is being paid for. Finish paying, or cancel that order to change the cart.',
      'checkout_in_progress',
      { details: { orderId: header.checkoutOrderId } },
    );
  }
  throw new ConflictError('This cart is closed; start a new cart.', 'cart_closed');
}

/**
 * Sets how many units of a mineral the cart holds (0 removes the line). Idempotent: the same call
 * repeated leaves the cart and the stock as the first one did.
 */
export async function setLineQuantity(cartId: string, mineralId: string, quantity: number, caller: CartCaller, now = new Date()) {
  if (!Number.isInteger(quantity) || quantity < 0 || quantity > CART_LIMITS.unitsPerLine) {
    throw new ValidationError(`quantity must be a whole number from 0 to ${CART_LIMITS.unitsPerLine}.`, 'invalid_quantity');
  }
  const { header, lines } = await withRetries(async () => {
    const cart = await loadOwnedCart(cartId, caller);
    const { header, lines } = cart;
    assertEditable(header);
    const current = lines.find((l) => l.mineralId === mineralId);
    // Already so (a retried request): nothing to write; the view below slides the hold if due.
    if (!current && quantity === 0) return cart;
    if (current && current.quantity === quantity && current.held === quantity) return cart;
    if (!current && lines.length >= CART_LIMITS.linesPerCart) {
      throw new ValidationError(`A cart holds at most ${CART_LIMITS.linesPerCart} different minerals.`, 'cart_full');
    }
    const plan = holdFor(now, header, current);
    const lowering = current !== undefined && quantity <= current.held;
    if ('coolingUntil' in plan && quantity > 0 && !lowering) {
      const name = (await getMinerals([mineralId])).get(mineralId)?.name ?? 'This mineral';
      throw new ConflictError(coolingMessage(name, plan.coolingUntil), 'hold_cooling', { details: { retryAt: plan.coolingUntil.toISOString() } });
    }
    const next: CartLine | null =
      quantity === 0
        ? null
        : {
            cartId,
            mineralId,
            quantity,
            held: quantity,
            // Lowering keeps the hold as it was; anything else gets the window the rules allow.
            holdExpiresAt: 'expiresAt' in plan ? plan.expiresAt.toISOString() : current!.holdExpiresAt,
            heldSince: 'heldSince' in plan ? plan.heldSince.toISOString() : current!.heldSince,
            version: (current?.version ?? 0) + 1,
            addedAt: current?.addedAt ?? now.toISOString(),
            updatedAt: now.toISOString(),
          };
    let written: CartLine | null = null;
    try {
      if (next) written = await writeHold(header, current, next, caller.clientKey);
      else {
        await writeLine(cartId, mineralId, current, null);
        if (current?.lastUnitSlot) await releaseSlot(current.lastUnitSlot, cartId, mineralId);
      }
    } catch (error) {
      if (error instanceof InsufficientStockError) {
        const canHave = error.available + (current?.held ?? 0);
        throw new ConflictError(
          `Only ${canHave} ${error.mineralName} available; you asked for ${quantity}.`,
          'insufficient_stock',
          { cause: error, details: { available: canHave, requested: quantity } },
        );
      }
      if (error instanceof MineralMissingError) throw new NotFoundError(`No mineral with id ${mineralId}.`);
      if (error instanceof CartClosedError) {
        assertEditable((await loadCart(cartId))?.header ?? header);
        throw new ConflictError('This cart is closed; start a new cart.', 'cart_closed');
      }
      if (error instanceof CartFullError) throw new ValidationError(`A cart holds at most ${CART_LIMITS.linesPerCart} different minerals.`, 'cart_full');
      throw error;
    }
    const others = lines.filter((l) => l.mineralId !== mineralId);
    return { header, lines: written ? [...others, written] : others };
  });
  // The view is built from what was read and written, without reading the cart again.
  return viewOf(header, lines, now, 'change', caller.clientKey);
}

/**
 * Moves a guest cart into the signed-in shopper's active cart, atomically: every line arrives (a
 * mineral in both carts gets the sum, up to the per-line limit), holds move with their lines and are
 * never counted twice, and what cannot be kept goes back on the shelf with a notice. Repeating the
 * call after it succeeded changes nothing and returns the shopper's cart.
 */
export async function mergeGuestCart(guestCartId: string, caller: CartCaller, now = new Date()): Promise<CartView> {
  if (!caller.shopperId) throw new UnauthorizedError('Sign in to merge a cart into your account.');
  const shopperCaller: CartCaller = { shopperId: caller.shopperId };
  const notices: string[] = [];
  const targetCartId = await withRetries(async () => {
    const guest = await loadCart(guestCartId);
    if (!guest || guest.header.owner.kind !== 'guest' || !ownsCart(guest.header, { cartToken: caller.cartToken })) {
      throw new NotFoundError(`No cart with id ${guestCartId}.`);
    }
    const targetId = await activeShopperCart(caller.shopperId!, now);
    if (guest.header.status === 'merged' && guest.header.mergedInto === targetId) return targetId;
    if (guest.header.status !== 'active') throw new ConflictError('This cart was already checked out or merged elsewhere.', 'cart_closed');
    const target = (await loadCart(targetId))!;
    // The shopper's cart is being paid for: nothing may join it until that order is paid or cancelled.
    assertEditable(target.header);
    notices.length = 0;
    await mergeCarts(planMerge(guestCartId, guest.lines, target, now, notices), now);
    return targetId;
  });
  const { header, lines } = await loadOwnedCart(targetCartId, shopperCaller);
  const view = await viewOf(header, lines, now, 'change');
  return { ...view, notices: [...notices, ...view.notices] };
}

function planMerge(guestCartId: string, guestLines: CartLine[], target: { header: CartHeader; lines: CartLine[] }, now: Date, notices: string[]): MergePlan {
  const byMineral = new Map(target.lines.map((l) => [l.mineralId, l]));
  let lineCount = target.lines.length;
  const plan: MergePlan = { guestCartId, targetCartId: target.header.cartId, writes: [], deletes: [], release: new Map() };
  for (const g of guestLines) {
    plan.deletes.push(g);
    const t = byMineral.get(g.mineralId);
    if (!t && lineCount >= CART_LIMITS.linesPerCart) {
      plan.release.set(g.mineralId, g.held);
      notices.push(`Your cart was full, so one item from before you signed in was not added.`);
      continue;
    }
    const quantity = Math.min((t?.quantity ?? 0) + g.quantity, CART_LIMITS.unitsPerLine);
    const heldTotal = (t?.held ?? 0) + g.held;
    const held = Math.min(heldTotal, quantity);
    if (heldTotal > held) plan.release.set(g.mineralId, heldTotal - held);
    if (quantity < (t?.quantity ?? 0) + g.quantity) notices.push(`At most ${CART_LIMITS.unitsPerLine} of one mineral fit in a cart; the quantity was capped.`);
    plan.writes.push({
      current: t,
      next: {
        cartId: target.header.cartId,
        mineralId: g.mineralId,
        quantity,
        held,
        ...mergedHold(now, target.header, g, t, held),
        version: (t?.version ?? 0) + 1,
        addedAt: t?.addedAt ?? g.addedAt,
        updatedAt: now.toISOString(),
      },
    });
    if (!t) lineCount += 1;
  }
  return plan;
}

/**
 * The hold of a merged line: a shopper's window counted from the earlier of the two holds' starts
 * (signing in does not give a hold a new life); a hold past its life keeps the expiry it had.
 */
function mergedHold(now: Date, header: CartHeader, guest: CartLine, target: CartLine | undefined, held: number): Pick<CartLine, 'holdExpiresAt' | 'heldSince'> {
  if (held === 0) return { holdExpiresAt: null, heldSince: null };
  const starts = [guest.heldSince, target?.heldSince].filter((s): s is string => s !== null && s !== undefined).sort();
  const plan = holdFor(now, header, { heldSince: starts[0] ?? null });
  if ('expiresAt' in plan) return { holdExpiresAt: plan.expiresAt.toISOString(), heldSince: plan.heldSince.toISOString() };
  const expiries = [guest.holdExpiresAt, target?.holdExpiresAt].filter((e): e is string => typeof e === 'string').sort();
  return { holdExpiresAt: expiries.at(-1) ?? now.toISOString(), heldSince: starts[0] ?? null };
}
