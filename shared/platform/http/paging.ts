// The paging query (pageSize, continuationToken) and page body every list endpoint shares.
import { z } from 'zod';

export const pageQueryShape = {
  pageSize: z.coerce.number().int().min(1).max(100).default(25).describe('Items per page, 1–100.'),
  continuationToken: z.string().min(1).max(8192).optional().describe('From the previous page; absent for the first.'),
};

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), continuationToken: z.string().nullable() });
