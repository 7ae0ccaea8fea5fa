// The accounts' HTTP contract: sign-up, sign-in, sessions, password recovery, profile.
import * as z from 'zod';
import { PASSWORD_RULES } from '../../auth/passwords';
import { freeText } from './common';

const email = z.email('email must be an email address').max(254, 'email is too long');
const password = z.string({ error: 'password must be text' }).min(1, 'password is required').max(PASSWORD_RULES.maxLength, 'password is too long');
const newPassword = z
  .string({ error: 'password must be text' })
  .min(PASSWORD_RULES.minLength, `password must have at least ${PASSWORD_RULES.minLength} characters`)
  .max(PASSWORD_RULES.maxLength, 'password is too long');
const opaqueToken = z.string().regex(/^[A-Za-z0-9_-]{20,200}$/, 'must be a token as the shop issued it');

export const registerBody = z.strictObject({
  username: z.string().regex(/^[a-zA-Z0-9_.-]{3,30}$/, 'username must be 3–30 letters, digits, dots, dashes or underscores'),
  email,
  password: newPassword,
  name: freeText('name', { max: 100 }),
});

export const loginBody = z.strictObject({
  login: z.string().min(1, 'login (username or email) is required').max(254),
  password,
  deviceToken: z
    .string()
    .max(2048, 'deviceToken is too long')
    .optional()
    .describe('What an earlier sign-in on this browser returned: failed attempts elsewhere then never lock this device out'),
});

export const refreshBody = z.strictObject({ refreshToken: opaqueToken });
export const forgotPasswordBody = z.strictObject({ email });
export const resetPasswordBody = z.strictObject({ token: opaqueToken, password: newPassword });
export const changePasswordBody = z.strictObject({ currentPassword: password, newPassword });

export const addressSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/).optional(),
  name: freeText('name', { max: 100 }),
  line1: freeText('line1', { max: 120 }),
  line2: freeText('line2', { max: 120, min: 0 }).optional(),
  city: freeText('city', { max: 80 }),
  region: freeText('region', { max: 80, min: 0 }).optional(),
  postalCode: z.string().trim().regex(/^[A-Za-z0-9 -]{2,12}$/, 'postalCode must be 2–12 letters, digits, spaces or dashes'),
  country: z.string().regex(/^[A-Z]{2}$/, 'country must be a two-letter ISO code such as US or DE'),
  phone: z.string().regex(/^\+?[0-9 ()-]{6,20}$/, 'phone must be a phone number').optional(),
});

export const updateProfileBody = z
  .strictObject({
    name: freeText('name', { max: 100 }).optional(),
    email: email.optional(),
    /** Required to change the email address. */
    currentPassword: password.optional(),
    addresses: z.array(addressSchema).max(10, 'at most 10 addresses').optional(),
    defaultAddressId: z.string().max(40).nullable().optional(),
    preferences: z.strictObject({ promotionalEmail: z.boolean(), restockAlerts: z.boolean() }).partial().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'send at least one field to change' });

export const sessionSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string().describe('Single use: each refresh returns a new one. Presenting a used one signs the session out.'),
  expiresIn: z.number().int().describe('Seconds until the access token expires.'),
  tokenType: z.literal('Bearer'),
});

export const profileSchema = z.object({
  userId: z.string(),
  username: z.string(),
  email: z.string(),
  name: z.string(),
  addresses: z.array(addressSchema.required({ id: true })),
  defaultAddressId: z.string().nullable(),
  preferences: z.object({ promotionalEmail: z.boolean(), restockAlerts: z.boolean() }),
  createdAt: z.string(),
});

/** What signing up or in answers: the account, a session, and this browser's device token to keep. */
export const signedInSchema = z.object({
  user: profileSchema,
  session: sessionSchema,
  deviceToken: z.string().describe('Keep it and send it with the next sign-in from this browser (see loginBody.deviceToken)'),
});
