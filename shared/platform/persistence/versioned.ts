// The generic shapes repositories hand to use cases: a value with the ETag it was read at, and one page of a list.

/** A stored value and the version (ETag) it was read at: the token of every conditional write. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

export interface PageRequest {
  pageSize: number;
  continuationToken?: string;
}

export interface Page<T> {
  items: T[];
  continuationToken: string | null;
}
