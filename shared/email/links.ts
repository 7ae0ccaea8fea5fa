// The shop's public address, for links in mail. In AWS the stack sets it from the `shopUrl` context;
// on one machine the local runtime sets it to the local server.
import * as z from 'zod';
import { readEnv } from '../config';

export const { SHOP_URL } = readEnv({ SHOP_URL: z.url().default('http://127.0.0.1:3000') });
