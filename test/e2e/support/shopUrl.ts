// First setup file of each e2e test file: picks the port its shop will listen on, so that SHOP_URL,
// which the functions read when they load and put in every mailed link, points at that shop.
import { freePort } from '../../../infra/local/ports';

const port = await freePort();
process.env.E2E_SHOP_PORT = String(port);
process.env.SHOP_URL = `http://127.0.0.1:${port}`;
