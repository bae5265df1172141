import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The structured logger shared by every function. It never receives personal data: handlers log ids, codes and
 * counts only (names, national IDs and phone numbers stay in the table).
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'swcs' });
