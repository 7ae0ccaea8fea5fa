// The API server with the local admin authorizer, a real cognito-local and the seeded admin signed in:
// what every test of admin routes starts with.
import { createLocalAdminAuthorizer } from '../../infra/local/adminAuthorizer';
import { adminSignIn } from '../../infra/local/cognito';
import { startLocalAdminAuth } from './adminTokens';
import { startTestApi } from './api';

export async function startAdminTestApi() {
  const auth = await startLocalAdminAuth();
  try {
    const api = await startTestApi({ authorizer: createLocalAdminAuthorizer(auth.config) });
    const adminToken = await adminSignIn(auth.config.endpoint, auth.config.clientId, auth.config.adminEmail, auth.config.adminPassword);
    return {
      api,
      auth,
      adminToken,
      /** A request as the seeded admin. */
      admin: (method: string, path: string, body?: unknown) =>
        api.request(method, path, { headers: { authorization: `Bearer ${adminToken}` }, ...(body === undefined ? {} : { body }) }),
      close: async () => {
        await api.close();
        await auth.stop();
      },
    };
  } catch (error) {
    await auth.stop();
    throw error;
  }
}
