// How long a shopper has to pay for an order: PAYMENT_WINDOW_MINUTES (30 by default), read once.
import * as z from 'zod';
import { readEnv } from '../config';
import { PAYMENT_WINDOW_MINUTES } from '../domain/orders';

const config = readEnv({
  PAYMENT_WINDOW_MINUTES: z
    .string()
    .regex(/^\d+$/, 'must be a whole number of minutes')
    .transform(Number)
    .pipe(z.number().min(1).max(24 * 60))
    .default(PAYMENT_WINDOW_MINUTES),
});

export const paymentWindowMinutes: number = config.PAYMENT_WINDOW_MINUTES;
