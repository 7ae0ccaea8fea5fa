// `npm run -s admin-token`: prints a fresh access token of the local demo admin (needs `npm start`).
import { adminSignIn, DEFAULT_COGNITO_PORT, DEMO_ADMIN, findAdminPool } from './cognito';

const endpoint = `http://127.0.0.1:${Number(process.env.COGNITO_PORT ?? DEFAULT_COGNITO_PORT)}`;
const pool = await findAdminPool(endpoint).catch(() => undefined);
if (!pool) {
  console.error(`No admin pool at ${endpoint}: is \`npm start\` running?`);
  process.exit(1);
}
console.log(await adminSignIn(endpoint, pool.clientId, process.env.ADMIN_EMAIL ?? DEMO_ADMIN.email, process.env.ADMIN_PASSWORD ?? DEMO_ADMIN.password));
