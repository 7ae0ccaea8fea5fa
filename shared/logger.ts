// One structured JSON logger (Powertools) for every function. Keys that could carry secrets are
// never logged: callers log ids and outcomes, not bodies or headers.
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'mineral-shop' });
