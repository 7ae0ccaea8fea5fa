import { describe, expect, it } from 'vitest';
import { holdExpiry, holdLifeEnd, HOLD_LIMITS, HOLD_MINUTES, isExpired, planHold, planReacquire, stockNotice, TTL_GRACE_SECONDS, ttlFor } from '../../shared/domain/holds';

const now = new Date('2026-03-05T12:00:00.000Z');

describe('how long a hold lasts', () => {
  it('lasts 20 minutes for a guest and an hour for a shopper from the last activity, or as long as asked', () => {
    expect(holdExpiry(now, 'guest').toISOString()).toBe('2026-03-05T12:20:00.000Z');
    expect(holdExpiry(now, 'shopper').toISOString()).toBe('2026-03-05T13:00:00.000Z');
    expect(holdExpiry(now, 'guest', 45).toISOString()).toBe('2026-03-05T12:45:00.000Z');
    expect(HOLD_MINUTES).toEqual({ guest: 20, shopper: 60 });
  });

  it('is deleted by TTL a whole day after its logical expiry, in epoch seconds', () => {
    expect(TTL_GRACE_SECONDS).toBe(86_400);
    const expires = new Date('2026-03-05T12:20:00.900Z');
    expect(ttlFor(expires)).toBe(Math.floor(Date.parse('2026-03-05T12:20:00Z') / 1000) + 86_400);
  });

  it('has lapsed at its expiry instant, not a millisecond before', () => {
    expect(isExpired('2026-03-05T12:00:00.000Z', now)).toBe(true);
    expect(isExpired('2026-03-05T11:59:59.999Z', now)).toBe(true);
    expect(isExpired('2026-03-05T12:00:00.001Z', now)).toBe(false);
  });
});

describe('re-acquiring a lapsed hold', () => {
  it('takes nothing when the line already holds what it wants', () => {
    expect(planReacquire(2, 2, 0)).toEqual({ kind: 'full', take: 0 });
    expect(planReacquire(1, 3, 5)).toEqual({ kind: 'full', take: 0 });
  });

  it('takes exactly what is missing when the shelf has it, even when that empties the shelf', () => {
    expect(planReacquire(3, 1, 10)).toEqual({ kind: 'full', take: 2 });
    expect(planReacquire(3, 1, 2)).toEqual({ kind: 'full', take: 2 });
  });

  it('takes what is left and lowers the line when the shelf is short', () => {
    expect(planReacquire(5, 1, 2)).toEqual({ kind: 'partial', take: 2, newQuantity: 3 });
    expect(planReacquire(5, 2, 0)).toEqual({ kind: 'partial', take: 0, newQuantity: 2 });
  });

  it('drops the line when nothing is held and nothing is left, and never takes a negative count', () => {
    expect(planReacquire(2, 0, 0)).toEqual({ kind: 'none' });
    expect(planReacquire(2, 0, -3)).toEqual({ kind: 'none' });
    expect(planReacquire(4, 1, -1)).toEqual({ kind: 'partial', take: 0, newQuantity: 1 });
  });
});

describe('the notice when stock changed under a cart', () => {
  it('says the mineral is gone, or how many are left and what the quantity was', () => {
    expect(stockNotice('Pyrite', 2, 0)).toBe('Pyrite is no longer available and was removed from your cart.');
    expect(stockNotice('Pyrite', 3, 1)).toBe('Only 1 Pyrite left — quantity lowered from 3 to 1.');
  });
});

describe('a hold’s maximum life (HOLD_LIMITS)', () => {
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

  it('gives a new hold a full window, and a slid one a window that stops at its life', () => {
    expect(planHold(now, 'guest', null)).toEqual({ heldSince: now, expiresAt: at(20) });
    expect(planHold(at(30), 'guest', now)).toEqual({ heldSince: now, expiresAt: at(50) });
    expect(planHold(at(50), 'guest', now)).toEqual({ heldSince: now, expiresAt: at(60) });
    expect(planHold(at(170), 'shopper', now)).toEqual({ heldSince: now, expiresAt: at(180) });
    expect(holdLifeEnd(now, 'guest')).toEqual(at(HOLD_LIMITS.maxLifeMinutes.guest));
  });

  it('refuses a hold from the end of its life until the cooldown is over, then starts a new one', () => {
    expect(planHold(at(60), 'guest', now)).toEqual({ coolingUntil: at(70) });
    expect(planHold(at(69), 'guest', now)).toEqual({ coolingUntil: at(70) });
    expect(planHold(at(70), 'guest', now)).toEqual({ heldSince: at(70), expiresAt: at(90) });
    expect(planHold(at(185), 'shopper', now)).toEqual({ coolingUntil: at(190) });
  });

  it('keeps its numbers in one place', () => {
    expect(HOLD_LIMITS).toEqual({ maxLifeMinutes: { guest: 60, shopper: 180 }, cooldownMinutes: 10, lastUnitsPerClient: 10 });
  });
});
