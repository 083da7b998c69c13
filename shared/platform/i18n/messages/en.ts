// English: the reference language file. Every other language file has exactly these keys (the compiler checks it
// through `Catalog`, a test checks the arguments). Messages are ICU MessageFormat: `{name}`, `{n, plural, …}`,
// `{x, select, …}`, dates as `{at, date, dateTime}` (date, time and UTC named) or `{at, date, day}`. Apostrophes are
// typographic (’) but in a few English subjects: in ICU a straight one right before a brace starts a quotation.
export const en = {
  // ---- shared pieces ----
  'common.none': 'None',
  'common.rolesNotAssignable': 'None (roles are not available for assignment to this partner type)',
  'common.peopleCount': '{size} people',

  // ---- problem details (RFC 9457): titles per status, details per code ----
  'problem.title.400': 'Invalid request',
  'problem.title.401': 'Unauthorized',
  'problem.title.403': 'Forbidden',
  'problem.title.404': 'Not found',
  'problem.title.409': 'Conflict',
  'problem.title.412': 'Precondition failed',
  'problem.title.413': 'Payload too large',
  'problem.title.415': 'Unsupported media type',
  'problem.title.429': 'Too many requests',
  'problem.title.500': 'Internal server error',
  'problem.title.503': 'Service busy',
  'problem.detail.validation-failed':
    '{where, select, body {The request body is invalid} query {The query is invalid} other {The path is invalid}}: {fields}.',
  'problem.detail.body-required': 'A JSON request body is required.',
  'problem.detail.malformed-json': 'The request body is not valid JSON.',
  'problem.detail.unsupported-media-type': 'Send the body as application/json.',
  'problem.detail.payload-too-large': 'The request body exceeds {kib} KiB.',
  'problem.detail.token-missing': 'Sign in: this endpoint needs a bearer access token.',
  'problem.detail.customer-admin-required': 'You must be at least a {billingAdmin} (or a {globalAdmin}) of your organization.',
  'problem.detail.role-required-to-grant':
    'Accepting this invitation grants admin roles to the partner, which needs the {roles} role in your organization. Ask someone who holds it to accept, or decline the invitation.',
  'problem.detail.agreement-required':
    'Your organization has not accepted the Microsoft Customer Agreement (version {version}) yet: read it at {url} and accept with "acceptAgreement": true.',
  'problem.detail.no-admin-roles':
    'This partner holds no admin roles in your organization, so there is nothing to remove. To change or end the relationship itself, contact Partner Center.',
  'problem.detail.contact-partner':
    'Customers cannot end a partner relationship: contact {contact} and ask them to end it. To stop the partner’s admin access now, remove its admin roles.',
  'problem.detail.invitation-accepted':
    'This invitation is already accepted; only a pending invitation can be answered, resent or revoked.',
  'problem.detail.invitation-declined':
    'This invitation was declined; only a pending invitation can be answered, resent or revoked.',
  'problem.detail.invitation-revoked':
    'The partner withdrew this invitation; only a pending invitation can be answered, resent or revoked.',
  'problem.detail.invitation-expired': 'This invitation has expired; ask the partner to send a new one.',
  'problem.detail.throttled': 'Too many requests of this kind; try again later.',
  'problem.detail.precondition-failed': 'The resource changed since you read it (If-Match does not match its ETag).',
  'problem.detail.contention': 'The resource is being changed by other requests right now; retry in a moment.',
  'problem.detail.internal-error': 'Something went wrong on our side. Retry later; quote the instance id if it persists.',
  'problem.detail.not-found': 'What you asked for was not found.',
  'problem.detail.webhook-url-not-allowed':
    'The webhook URL must use https (plain http only to this machine, where the deployment allows it), without credentials or a fragment.',
  'problem.detail.display-name-taken':
    'The display name “{displayName}” is already used by another of your relationships or pending invitations; choose another.',
  'problem.notFound.invitation': 'The invitation was not found.',
  'problem.notFound.customer': 'The customer was not found.',
  'problem.notFound.partner': 'The partner was not found.',
  'problem.notFound.contactRequest': 'The contact request was not found.',
  'problem.notFound.relationshipWithThisPartner': 'The relationship with this partner was not found.',
  'problem.notFound.partnerProfile': 'Your partner profile was not found.',
  'problem.notFound.roleTemplate': 'The role template was not found.',
  'problem.notFound.operation': 'The operation was not found.',
  'problem.notFound.webhook': 'Your webhook was not found.',
  'problem.detail.no-gdap-roles': 'You hold no GDAP role in force on this customer: there is nothing to change.',
  'problem.detail.no-global-admin':
    'You hold no Global Administrator role in force on this customer by GDAP: there is nothing to remove.',
  'problem.detail.auto-extend-not-allowed': 'GDAP access that includes the Global Administrator role cannot auto-extend.',
  'problem.notFound.accessAssignment': 'The access assignment was not found.',
  'problem.detail.roles-not-in-force':
    'A group can only be given GDAP roles this customer granted and that are in force; these are not: {roles}.',
  'problem.detail.too-many-access-assignments': 'A customer’s roles can be assigned to at most {max} groups; remove one first.',

  // ---- partner types (names and descriptions as the admin center shows them) ----
  'partnerType.advisor.name': 'Advisor',
  'partnerType.advisor.description': 'Partners can reset passwords and handle support incidents for you.',
  'partnerType.isv.name': 'Independent software vendor',
  'partnerType.isv.description':
    'Partners that develop and sell custom software products that run on one or more computer hardware or operating system platforms.',
  'partnerType.indirectReseller.name': 'Indirect reseller',
  'partnerType.indirectReseller.description':
    'Partners that manage products and services for your organization or school through a distributor.',
  'partnerType.lineOfBusiness.name': 'Line-of-business (LOB) partner',
  'partnerType.lineOfBusiness.description':
    'Partners can develop, submit, and manage line-of-business apps specific to your organization or school.',
  'partnerType.mpsa.name': 'Microsoft Products & Services Agreement (MPSA) partner',
  'partnerType.mpsa.description':
    'If you worked with multiple partners through the MPSA program, you can allow them to see purchases made by each other.',
  'partnerType.oem.name': 'Original equipment manufacturer (OEM)',
  'partnerType.oem.description': 'Registers Windows Autopilot devices for you: no access to your tenant is given or needed.',
  'partnerType.userAccount.name': 'Partner with a user account in your tenant',
  'partnerType.userAccount.description':
    'You give your partner a user account in your tenant and they work with other Microsoft services on your behalf.',
  'partnerType.gdap.name': 'Partner with GDAP access',
  'partnerType.gdap.description':
    'Granular delegated admin privileges (GDAP): the least-permissive roles the partner needs, for a limited time, without Global Administrator permission.',
  'partnerType.reseller.name': 'Reseller',
  'partnerType.reseller.description': 'Partners that sell Microsoft products to your organization or school.',

  // ---- billing pages of the admin center (acting on behalf of a customer) ----
  'billingPage.purchaseServices': 'Purchase services',
  'billingPage.yourProducts': 'Your products',
  'billingPage.licenses': 'Licenses',
  'billingPage.billsAndPayments': 'Bills & payments',
  'billingPage.billingNotifications': 'Billing notifications',
  'billingPage.domainSubscriptions': 'Domain subscriptions',
  'billingPage.reason.usePartnerCenter':
    'Not available to a partner acting on behalf of the customer: buy and manage subscriptions for your customer in Partner Center.',
  'billingPage.reason.noActiveAdminRoles':
    'You hold no admin role in force on this customer through your security groups (none assigned to your groups, never granted, removed by the customer, expired, or the relationship ended).',
  'billingPage.reason.domainNeedsCustomerUser':
    'Domain subscriptions are managed by one of the customer’s users holding both the {domainNameAdmin} and {billingAdmin} roles: ask the customer to sign in.',
  'billingPage.reason.billingRoleRequired': 'Needs the {billingAdmin} or {globalAdmin} role.',
  'billingPage.reason.domainRolesRequired': 'Needs both the {domainNameAdmin} and {billingAdmin} roles.',

  // ---- industries (Contact me form) ----
  'industry.agriculture': 'Agriculture',
  'industry.automotive': 'Automotive',
  'industry.education': 'Education',
  'industry.energy': 'Energy',
  'industry.financialServices': 'Financial services',
  'industry.government': 'Government',
  'industry.healthcare': 'Healthcare',
  'industry.hospitality': 'Hospitality',
  'industry.manufacturing': 'Manufacturing',
  'industry.media': 'Media',
  'industry.nonprofit': 'Nonprofit',
  'industry.professionalServices': 'Professional services',
  'industry.retail': 'Retail',
  'industry.technology': 'Technology',
  'industry.telecommunications': 'Telecommunications',
  'industry.transportation': 'Transportation',

  // ---- every email ----
  'email.openLink': 'Or open this link:',
  'email.automated': 'This message was sent automatically by the partner relationships service; replies are not read.',
  'email.factLine': '{label}: {value}',
  'email.actionLine': '{label}: {url}',
  'email.fact.partner': 'Partner',
  'email.fact.website': 'Website',
  'email.fact.customer': 'Customer',
  'email.fact.customerTenant': 'Customer tenant',
  'email.fact.partnerType': 'Partner type',
  'email.fact.partnerTypes': 'Partner types',
  'email.fact.adminRoles': 'Admin roles',
  'email.fact.invitation': 'Invitation',
  'email.action.openCustomer': 'Open the customer',
  'email.action.reviewPartners': 'Review your partners',
  'email.customerName': '{name} (tenant {tenantId})',
  'email.customerTenantOnly': 'customer {tenantId}',

  // invitation (to the customer)
  'email.invitation.subject': '{partner} invites you to a partner relationship ({type})',
  'email.invitation.heading': '{partner} would like to work with your organization',
  'email.invitation.intro':
    '{partner} invited your organization to a partner relationship as “{type}”. An administrator of your organization can review the request in the Microsoft 365 admin center and accept or decline it.',
  'email.invitation.whoMayAccept': 'Accepting it needs one of these roles in your organization: {roles}.',
  'email.invitation.agreement':
    'On the “Accept agreement & authorize partner” page you confirm that you have read the Microsoft Customer Agreement (version {version}); until your organization accepts it, no partner can buy or manage subscriptions on your behalf.',
  'email.invitation.warningStandingGlobalAdmin':
    'Important: accepting gives {partner} the {globalAdmin} role in your organization with no end date. A {globalAdmin} can change every setting, user and subscription of your organization, and keeps the role until you remove the partner’s admin roles.',
  'email.invitation.fact.duration': 'Duration',
  'email.invitation.duration': '{days, plural, one {# day} other {# days}} from acceptance',
  'email.invitation.durationAutoExtend':
    '{days, plural, one {# day} other {# days}} from acceptance, then renewed automatically by {extension} days at a time',
  'email.invitation.fact.message': 'Message from {partner}',
  'email.invitation.fact.agreement': 'Microsoft Customer Agreement',
  'email.invitation.agreementValue': 'Version {version}: {url}',
  'email.invitation.fact.validUntil': 'Invitation valid until',
  'email.invitation.action': 'Open “Accept agreement & authorize partner”',
  'email.invitation.footer':
    'Only accept if you know this partner. If you don’t want to give admin roles to the partner, decline the invitation instead of accepting it. The link works once; if it has expired or was replaced, ask the partner to send a new one.',

  // the partner hears its invitation was answered
  'email.invitationAnswered.subject':
    '{answer, select, accepted {{customer} accepted your invitation ({type})} other {{customer} declined your invitation ({type})}}',
  'email.invitationAnswered.heading':
    '{answer, select, accepted {A customer accepted your invitation} other {A customer declined your invitation}}',
  'email.invitationAnswered.intro':
    '{answer, select, accepted {{customer} accepted your “{type}” invitation: the relationship is active and the roles below are granted.} other {{customer} declined your “{type}” invitation; nothing was granted.}}',
  'email.invitationAnswered.fact.answeredAt': '{answer, select, accepted {Accepted on} other {Declined on}}',
  'email.invitationAnswered.fact.gdapEnds': 'GDAP access ends',
  'email.invitationAnswered.action.invitation': 'Open the invitation',

  // the customer's confirmation of an acceptance
  'email.acceptanceConfirmation.subject': 'You authorized {partner} as “{type}”',
  'email.acceptanceConfirmation.heading': 'Partner relationship with {partner} confirmed',
  'email.acceptanceConfirmation.intro':
    '{known, select, yes {{admin}} other {An administrator of your organization}} accepted the invitation of {partner} on {acceptedAt, date, dateTime}.',
  'email.acceptanceConfirmation.fact.granted': 'Admin roles granted',
  'email.acceptanceConfirmation.fact.until': 'Until',
  'email.acceptanceConfirmation.untilEnd': '{end, date, dateTime}',
  'email.acceptanceConfirmation.untilRenews': '{end, date, dateTime}, then renewed automatically by {extension} days at a time',
  'email.acceptanceConfirmation.untilRemoved': 'No end date: until you remove them',
  'email.acceptanceConfirmation.fact.agreement': 'Microsoft Customer Agreement',
  'email.acceptanceConfirmation.agreementAccepted': 'Accepted (version {version})',
  'email.acceptanceConfirmation.howToRemove':
    'You can remove the partner’s admin roles at any time: in the Microsoft 365 admin center, go to Settings > Partner relationships, select {partner}, select Remove roles, then confirm. Removing admin roles doesn’t remove the partner relationship.',
  'email.acceptanceConfirmation.noRoles': 'This relationship gives {partner} no admin roles in your organization.',
  'email.acceptanceConfirmation.footer':
    'Didn’t expect this email? Review your partner relationships now and remove any admin roles you did not mean to give.',

  // roles removed: the partner's notice
  'email.rolesRemoved.subject': '{customer} removed your admin roles',
  'email.rolesRemoved.heading': 'A customer removed your admin roles',
  'email.rolesRemoved.intro':
    'An administrator of {customer} removed every admin role {partner} held in their organization. The relationship stays, with its other partner types.',
  'email.rolesRemoved.fact.removed': 'Roles removed',
  'email.rolesRemoved.fact.removedAt': 'Removed on',
  'email.rolesRemoved.fact.typesKept': 'Partner types kept',
  'email.rolesRemoved.footer': 'To work with admin roles for this customer again, send them a new invitation.',

  // roles removed: the customer's confirmation
  'email.rolesRemovedConfirmation.subject': 'You removed the admin roles of {partner}',
  'email.rolesRemovedConfirmation.heading': 'Admin roles removed',
  'email.rolesRemovedConfirmation.intro':
    'An administrator of your organization removed every admin role of {partner} on {removedAt, date, dateTime}. The partner can no longer act as an administrator in your organization.',
  'email.rolesRemovedConfirmation.relationshipStays':
    'Removing admin roles doesn’t remove the partner relationship: {partner} can still work with you in a different capacity, for example as a reseller. If you decide you no longer want to work with the partner, contact them to end the relationship.',

  // relationship ended by the partner
  'email.terminated.partner.subject': 'You ended the relationship with {customer}',
  'email.terminated.partner.heading': 'Relationship ended',
  'email.terminated.partner.intro':
    '{partner} ended its partner relationship with {customer}. Every admin role it held there ended, and it can no longer place orders for this customer.',
  'email.terminated.customer.subject': '{partner} ended its partner relationship with your organization',
  'email.terminated.customer.heading': '{partner} ended your partner relationship',
  'email.terminated.customer.intro':
    '{partner} ended its relationship with your organization. It no longer holds admin roles in your organization and can no longer buy or manage subscriptions for you.',
  'email.terminated.customer.footer': 'Questions about this change? Contact the partner.',
  'email.terminated.fact.endedAt': 'Ended on',
  'email.terminated.fact.rolesEnded': 'Admin roles ended',

  // GDAP: before the end (30, 7, 1 days) and on the day it ends
  'email.gdapNotice.partner.subject':
    '{renews, select, yes {GDAP access to {customer} renews automatically in {days, plural, one {# day} other {# days}}} other {GDAP access to {customer} ends in {days, plural, one {# day} other {# days}}}}',
  'email.gdapNotice.partner.heading': '{renews, select, yes {GDAP access renews soon} other {GDAP access ends soon}}',
  'email.gdapNotice.partner.intro':
    '{renews, select, yes {The granular delegated admin privileges of {partner} for {customer} reach their end in {days, plural, one {# day} other {# days}} and will then be renewed automatically by {extension} days.} other {The granular delegated admin privileges of {partner} for {customer} end in {days, plural, one {# day} other {# days}}. To keep them, send the customer a new GDAP invitation.}}',
  'email.gdapNotice.customer.subject':
    "{renews, select, yes {{partner}'s admin access to your organization renews automatically in {days, plural, one {# day} other {# days}}} other {{partner}'s admin access to your organization ends in {days, plural, one {# day} other {# days}}}}",
  'email.gdapNotice.customer.heading':
    '{renews, select, yes {A partner’s admin access renews soon} other {A partner’s admin access ends soon}}',
  'email.gdapNotice.customer.intro':
    '{renews, select, yes {The admin roles (GDAP) you gave {partner} reach their end in {days, plural, one {# day} other {# days}} and will then be renewed automatically by {extension} days. To stop them, remove the partner’s admin roles before then.} other {The admin roles (GDAP) you gave {partner} end in {days, plural, one {# day} other {# days}}. If you want the partner to keep them, ask them for a new invitation.}}',
  'email.gdap.fact.roles': 'Admin roles (GDAP)',
  'email.gdap.fact.renewsOn': 'Renews automatically on',
  'email.gdap.fact.endsOn': 'Ends on',
  'email.gdap.fact.endedOn': 'Ended on',
  'email.gdapExpired.partner.subject': 'GDAP access to {customer} has ended',
  'email.gdapExpired.partner.heading': 'GDAP access ended',
  'email.gdapExpired.partner.intro':
    'The granular delegated admin privileges of {partner} for {customer} reached their end on {end, date, dateTime}: the roles below are no longer granted. To work with admin roles for this customer again, send them a new GDAP invitation.',
  'email.gdapExpired.customer.subject': "{partner}'s admin access to your organization has ended",
  'email.gdapExpired.customer.heading': 'A partner’s admin access ended',
  'email.gdapExpired.customer.intro':
    'The admin roles (GDAP) you gave {partner} reached their end on {end, date, dateTime}: the partner no longer holds them. If you want the partner to keep managing your services, ask them for a new invitation.',
  // the partner changed its active GDAP relationship (to the customer)
  'email.gdapChanged.subject':
    '{change, select, autoExtendEnabled {{partner} turned on automatic renewal of its admin roles} autoExtendDisabled {{partner} turned off automatic renewal of its admin roles} other {{partner} gave up the Global Administrator role in your organization}}',
  'email.gdapChanged.heading':
    '{change, select, autoExtendEnabled {Admin roles now renew automatically} autoExtendDisabled {Admin roles no longer renew automatically} other {Global Administrator role given up}}',
  'email.gdapChanged.intro':
    '{change, select, autoExtendEnabled {{partner} changed its granular delegated admin privileges (GDAP) in your organization on {at, date, dateTime}: at their end, the roles below will be renewed automatically by {extension} days at a time. To stop them, remove the partner’s admin roles.} autoExtendDisabled {{partner} changed its granular delegated admin privileges (GDAP) in your organization on {at, date, dateTime}: the roles below will no longer be renewed automatically and end on their end date.} other {{partner} gave up the Global Administrator role it held in your organization on {at, date, dateTime}. Its other admin roles stay as they were.}}',
  'email.gdapChanged.fact.roles': '{change, select, globalAdminRemoved {Role given up} other {Roles concerned}}',
  'email.gdapChanged.fact.at': 'Changed on',
  'email.gdapChanged.footer': 'Questions about this change? Contact the partner.',

  // Contact me: the partner's lead notification
  'email.leadNotification.subject': 'New contact request from {organization}',
  'email.leadNotification.heading': 'A customer asked you to contact them',
  'email.leadNotification.intro':
    '{firstName} {lastName} of {organization} found {partner} in the partner directory and would like you to get in touch.',
  'email.lead.fact.name': 'Name',
  'email.lead.fact.email': 'Email',
  'email.lead.fact.phone': 'Phone',
  'email.lead.fact.organization': 'Organization',
  'email.lead.organizationValue': '{organization} ({size}, {industry})',
  'email.lead.fact.location': 'Location',
  'email.lead.fact.needs': 'Needs',
  'email.lead.fact.language': 'Language',
  'email.lead.fact.sentAt': 'Sent on',
  'email.leadNotification.action': 'Open your contact requests',
  'email.leadNotification.footer': 'Answer within {days} days: unanswered requests expire.',

  // Contact me: the customer's receipt and the decline notice
  'email.leadReceipt.subject': 'Your “Contact me” request to {partner}',
  'email.leadReceipt.heading': 'We sent your request to {partner}',
  'email.leadReceipt.intro':
    'You selected Contact me for {partner}. The partner contacts you and gives you the opportunity to learn more about them. If you decide to work with them, they send you an invitation by email to establish a partner relationship.',
  'email.leadReceipt.footer':
    'You receive this email because this address was entered in the “Contact me” form of the partner directory.',
  'email.leadDeclined.subject': '{partner} declined your contact request',
  'email.leadDeclined.heading': 'Your contact request was declined',
  'email.leadDeclined.intro': '{partner} will not follow up on the “Contact me” request you sent on {sentAt, date, dateTime}.',
  'email.leadDeclined.fact.reason': 'Reason given by the partner',
  'email.leadDeclined.findAnother':
    'You can find another partner in the partner directory: use the filters, then select Contact me.',
  'email.leadDeclined.action': 'Find a partner',

  // Webhooks: the partner's notice that its webhook was disabled
  'email.webhookDisabled.subject': '{partner}: your webhook was disabled',
  'email.webhookDisabled.heading': 'Your webhook was disabled',
  'email.webhookDisabled.introFailures':
    'We stopped sending events to your webhook: its last {failures, plural, one {# delivery attempt} other {# delivery attempts in a row}} failed.',
  'email.webhookDisabled.introGone':
    'We stopped sending events to your webhook: it answered 410 Gone, which says the endpoint no longer exists.',
  'email.webhookDisabled.fact.url': 'Webhook URL',
  'email.webhookDisabled.fact.events': 'Events',
  'email.webhookDisabled.fact.lastAttempt': 'Last attempt',
  'email.webhookDisabled.fact.disabledAt': 'Disabled on',
  'email.webhookDisabled.lastStatus': 'HTTP status {status}',
  'email.webhookDisabled.lastError': 'No answer: {error}',
  'email.webhookDisabled.whatNow':
    'Events that happen while the webhook is disabled are not sent. Once your endpoint answers again, save the webhook again (PUT /api/partner/webhook) to enable it.',
  'email.webhookDisabled.footer': 'You receive this email because your organization set up a webhook for partner events.',
} as const satisfies Readonly<Record<string, string>>;

export type MessageKey = keyof typeof en;

/** A language file: every key of the English one, each a message in that language. */
export type Catalog = Readonly<Record<MessageKey, string>>;
