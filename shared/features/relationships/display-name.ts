// A relationship's display name: the partner's own label for one of its customer relationships, given on the
// invitation and unique among the partner's relationships (case-insensitively).
//
// Uniqueness holds under concurrency without a read-then-write: each name in use has a marker item in the partner's
// partition of partner-data, id derived from the lower-cased name, created in the same transactional batch as the
// invitation that claims it. Two requests racing for one name both send a batch; the second marker create answers
// 409, its batch applies nothing, and the caller answers `display-name-taken`. Lifecycle (README, "Relationship
// display names"): the marker holds the name for its invitation while that is pending; on acceptance the relationship
// takes the name and the marker passes to it (a relationship that had another name releases that one in the same
// batch: the latest accepted name wins); it is deleted with the change that frees the name — the invitation declined,
// revoked or expired, or the relationship terminated.
import { z } from 'zod';
import type { JSONObject } from '@azure/cosmos';
import type { BatchOperation } from '../../platform/persistence/cosmos.js';
import type { Relationship } from './relationship.js';

export const DISPLAY_NAME_MAX_LENGTH = 50;

/**
 * ASCII letters and digits, `-` and `_`: the name travels in lists, exports and scripts, and a narrow alphabet keeps
 * case-insensitive uniqueness exact (no Unicode case folding or look-alike letters to reason about).
 */
export const displayNameSchema = z
  .string()
  .min(1)
  .max(DISPLAY_NAME_MAX_LENGTH)
  .regex(/^[A-Za-z0-9_-]+$/, 'only letters A–Z and a–z, digits, - and _')
  .describe(
    `Your name for this relationship: up to ${DISPLAY_NAME_MAX_LENGTH} letters (A–Z, a–z), digits, - and _, unique among your relationships (case-insensitive)`,
  );

/** Names compare case-insensitively: `Contoso-EU` and `contoso-eu` are one name. */
export const normalisedDisplayName = (name: string): string => name.toLowerCase();

/** The marker's id: one per normalised name in the partner's partition (the alphabet is safe in a Cosmos id). */
export const displayNameMarkerId = (name: string): string => `dname_${normalisedDisplayName(name)}`;

/** Whether two names are the same name. */
export const sameDisplayName = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && normalisedDisplayName(a) === normalisedDisplayName(b);

/** Who holds a name: a pending invitation, or the relationship that took it on acceptance. */
export type DisplayNameHolder = { invitationId: string } | { relationshipId: string; customerTenantId: string };

function markerDoc(partnerId: string, name: string, holder: DisplayNameHolder, at: string): JSONObject {
  return { id: displayNameMarkerId(name), partnerId, type: 'displayName', displayName: name, holder, updatedAt: at };
}

/** Claims a free name for a new invitation: a create, which fails the whole batch (409) when the name is taken. */
export const claimDisplayNameOperation = (partnerId: string, name: string, invitationId: string, at: string): BatchOperation => ({
  operationType: 'Create',
  partitionKey: partnerId,
  resourceBody: markerDoc(partnerId, name, { invitationId }, at),
});

/** Frees a name: the batch that ends its holder deletes the marker with it. */
export const releaseDisplayNameOperation = (partnerId: string, name: string): BatchOperation => ({
  operationType: 'Delete',
  id: displayNameMarkerId(name),
  partitionKey: partnerId,
});

/**
 * The marker changes an acceptance commits with the relationship it writes: the relationship took the invitation's
 * name (the marker now names the relationship; the relationship's previous name, if another, is released), or — an
 * acceptance that came after the relationship's termination and so changed nothing — the invitation's name is
 * released. None when the invitation carried no name.
 */
export function displayNameOperationsOnAcceptance(
  before: Relationship | undefined,
  after: Relationship,
  invitationName: string | undefined,
  at: string,
): BatchOperation[] {
  if (invitationName === undefined) return [];
  if (after.displayName !== invitationName) return [releaseDisplayNameOperation(after.partnerId, invitationName)];
  const holder = { relationshipId: after.id, customerTenantId: after.customerTenantId };
  return [
    // An upsert: the marker exists (the invitation's claim); only its holder changes.
    {
      operationType: 'Upsert',
      partitionKey: after.partnerId,
      resourceBody: markerDoc(after.partnerId, invitationName, holder, at),
    },
    ...(before?.displayName !== undefined && !sameDisplayName(before.displayName, invitationName)
      ? [releaseDisplayNameOperation(after.partnerId, before.displayName)]
      : []),
  ];
}

/** A termination frees the relationship's name (deleted with the terminated relationship's write). */
export const displayNameOperationsOnTermination = (before: Relationship): BatchOperation[] =>
  before.displayName !== undefined ? [releaseDisplayNameOperation(before.partnerId, before.displayName)] : [];
