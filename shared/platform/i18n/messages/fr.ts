// Français. Les termes du Centre d’administration Microsoft 365 tels que la page française « Gérer les relations avec
// les partenaires » les emploie : « Accepter le contrat & autoriser le partenaire », « Accepter & Autoriser »,
// « Contrat client Microsoft », « Supprimer les rôles », « Relations partenaires », « Me contacter », « Espace
// partenaires », et ses noms de types de partenaires.
import type { Catalog } from './en.js';

export const fr: Catalog = {
  'common.none': 'Aucun',
  'common.rolesNotAssignable': 'Aucun (non disponible pour l’attribution à ce type de partenaire)',
  'common.peopleCount': '{size} personnes',

  'problem.title.400': 'Requête non valide',
  'problem.title.401': 'Authentification requise',
  'problem.title.403': 'Accès refusé',
  'problem.title.404': 'Introuvable',
  'problem.title.409': 'Conflit',
  'problem.title.412': 'Condition préalable non remplie',
  'problem.title.413': 'Contenu trop volumineux',
  'problem.title.415': 'Type de contenu non pris en charge',
  'problem.title.429': 'Trop de requêtes',
  'problem.title.500': 'Erreur interne du serveur',
  'problem.title.503': 'Service occupé',
  'problem.detail.validation-failed':
    '{where, select, body {Le corps de la requête n’est pas valide} query {Les paramètres de la requête ne sont pas valides} other {Le chemin n’est pas valide}} : {fields}.',
  'problem.detail.body-required': 'Un corps de requête JSON est obligatoire.',
  'problem.detail.malformed-json': 'Le corps de la requête n’est pas un JSON valide.',
  'problem.detail.unsupported-media-type': 'Envoyez le corps au format application/json.',
  'problem.detail.payload-too-large': 'Le corps de la requête dépasse {kib} Kio.',
  'problem.detail.token-missing': 'Connectez-vous : cette opération nécessite un jeton d’accès (bearer).',
  'problem.detail.customer-admin-required': 'Vous devez être au moins {billingAdmin} (ou {globalAdmin}) de votre organisation.',
  'problem.detail.role-required-to-grant':
    'Accepter cette invitation attribue des rôles d’administrateur au partenaire, ce qui nécessite le rôle {roles} dans votre organisation. Demandez à une personne qui détient ce rôle de l’accepter, ou refusez l’invitation.',
  'problem.detail.agreement-required':
    'Votre organisation n’a pas encore accepté le Contrat client Microsoft (version {version}) : lisez-le sur {url}, puis acceptez avec "acceptAgreement": true.',
  'problem.detail.no-admin-roles':
    'Ce partenaire ne détient aucun rôle d’administrateur dans votre organisation : il n’y a rien à supprimer. Pour modifier ou mettre fin à la relation elle-même, contactez l’Espace partenaires.',
  'problem.detail.contact-partner':
    'Un client ne peut pas mettre fin à une relation de partenaire : contactez {contact} et demandez-lui d’y mettre fin. Pour arrêter dès maintenant l’accès administrateur du partenaire, supprimez ses rôles d’administrateur.',
  'problem.detail.invitation-accepted':
    'Cette invitation est déjà acceptée ; seule une invitation en attente peut recevoir une réponse, être renvoyée ou retirée.',
  'problem.detail.invitation-declined':
    'Cette invitation a été refusée ; seule une invitation en attente peut recevoir une réponse, être renvoyée ou retirée.',
  'problem.detail.invitation-revoked':
    'Le partenaire a retiré cette invitation ; seule une invitation en attente peut recevoir une réponse, être renvoyée ou retirée.',
  'problem.detail.invitation-expired': 'Cette invitation a expiré ; demandez au partenaire de vous en envoyer une nouvelle.',
  'problem.detail.throttled': 'Trop de requêtes de ce type ; réessayez plus tard.',
  'problem.detail.precondition-failed': 'La ressource a changé depuis votre lecture (If-Match ne correspond pas à son ETag).',
  'problem.detail.contention': 'La ressource est en cours de modification par d’autres requêtes ; réessayez dans un instant.',
  'problem.detail.internal-error':
    'Une erreur s’est produite de notre côté. Réessayez plus tard ; si le problème persiste, indiquez l’identifiant d’instance.',
  'problem.detail.not-found': 'L’élément demandé est introuvable.',
  'problem.detail.webhook-url-not-allowed':
    'L’URL du webhook doit utiliser https (http simple uniquement vers cette machine, si le déploiement l’autorise), sans identifiants ni fragment.',
  'problem.detail.display-name-taken':
    'Le nom d’affichage « {displayName} » est déjà utilisé par une autre de vos relations ou invitations en attente ; choisissez-en un autre.',
  'problem.notFound.invitation': 'L’invitation est introuvable.',
  'problem.notFound.customer': 'Le client est introuvable.',
  'problem.notFound.partner': 'Le partenaire est introuvable.',
  'problem.notFound.contactRequest': 'La demande de contact est introuvable.',
  'problem.notFound.relationshipWithThisPartner': 'La relation avec ce partenaire est introuvable.',
  'problem.notFound.partnerProfile': 'Votre profil de partenaire est introuvable.',
  'problem.notFound.roleTemplate': 'Le modèle de rôles est introuvable.',
  'problem.notFound.operation': 'L’opération est introuvable.',
  'problem.notFound.webhook': 'Votre webhook est introuvable.',
  'problem.detail.no-gdap-roles': 'Vous ne détenez aucun rôle GDAP en vigueur chez ce client : il n’y a rien à modifier.',
  'problem.detail.no-global-admin':
    'Vous ne détenez par GDAP aucun rôle d’administrateur général en vigueur chez ce client : il n’y a rien à supprimer.',
  'problem.detail.auto-extend-not-allowed':
    'Un accès GDAP qui comprend le rôle d’administrateur général ne peut pas être prolongé automatiquement.',
  'problem.notFound.accessAssignment': 'L’attribution d’accès est introuvable.',
  'problem.detail.roles-not-in-force':
    'Un groupe ne peut recevoir que des rôles GDAP accordés par ce client et encore en vigueur ; ceux-ci ne le sont pas : {roles}.',
  'problem.detail.too-many-access-assignments':
    'Les rôles d’un client peuvent être attribués à {max} groupes au plus ; supprimez-en un d’abord.',

  'partnerType.advisor.name': 'Conseiller',
  'partnerType.advisor.description':
    'Les partenaires peuvent réinitialiser les mots de passe et gérer les incidents de support pour vous.',
  'partnerType.isv.name': 'Éditeur de logiciels indépendant',
  'partnerType.isv.description':
    'Partenaires qui développent et vendent des produits logiciels personnalisés qui s’exécutent sur un ou plusieurs ordinateurs ou plateformes de système d’exploitation.',
  'partnerType.indirectReseller.name': 'Revendeur indirect',
  'partnerType.indirectReseller.description':
    'Partenaires qui gèrent des produits et services pour votre organisation ou établissement scolaire par l’intermédiaire d’un distributeur.',
  'partnerType.lineOfBusiness.name': 'Partenaire métier',
  'partnerType.lineOfBusiness.description':
    'Les partenaires peuvent développer, soumettre et gérer des applications métier spécifiques à votre organisation ou à votre établissement scolaire.',
  'partnerType.mpsa.name': 'Partenaire MPSA (Products & Services Agreement) Microsoft',
  'partnerType.mpsa.description':
    'Si vous avez travaillé avec plusieurs partenaires via le programme MPSA, vous pouvez leur permettre de voir les achats effectués les uns par les autres.',
  'partnerType.oem.name': 'Fabricant d’équipement d’origine (OEM)',
  'partnerType.oem.description':
    'Inscrit des appareils Windows Autopilot pour vous : aucune autorisation d’accès à votre locataire n’est accordée ni requise.',
  'partnerType.userAccount.name': 'Partenaire avec un compte d’utilisateur dans votre locataire',
  'partnerType.userAccount.description':
    'Vous donnez à votre partenaire un compte d’utilisateur dans votre locataire et il travaille avec d’autres services Microsoft en votre nom.',
  'partnerType.gdap.name': 'Associer avec l’accès GDAP',
  'partnerType.gdap.description':
    'Privilèges d’administrateur délégué granulaires (GDAP) : les rôles les moins permissifs dont le partenaire a besoin, pour une durée limitée, sans l’autorisation d’administrateur général.',
  'partnerType.reseller.name': 'Revendeur',
  'partnerType.reseller.description':
    'Partenaires qui vendent des produits Microsoft à votre organisation ou à votre établissement scolaire.',

  'billingPage.purchaseServices': 'Acheter des services',
  'billingPage.yourProducts': 'Vos produits',
  'billingPage.licenses': 'Licences',
  'billingPage.billsAndPayments': 'Factures & paiements',
  'billingPage.billingNotifications': 'Notifications de facturation',
  'billingPage.domainSubscriptions': 'Abonnements de domaine',
  'billingPage.reason.usePartnerCenter':
    'Non disponible pour un partenaire qui agit au nom du client : pour acheter et gérer des abonnements pour votre client, visitez l’Espace partenaires.',
  'billingPage.reason.noActiveAdminRoles':
    'Vous ne détenez, par vos groupes de sécurité, aucun rôle d’administrateur en vigueur chez ce client (aucun attribué à vos groupes, jamais accordé, supprimé par le client, expiré, ou relation terminée).',
  'billingPage.reason.domainNeedsCustomerUser':
    'Les abonnements de domaine sont gérés par un utilisateur du client qui a à la fois le rôle {domainNameAdmin} et {billingAdmin} : demandez au client de se connecter.',
  'billingPage.reason.billingRoleRequired': 'Nécessite le rôle {billingAdmin} ou {globalAdmin}.',
  'billingPage.reason.domainRolesRequired': 'Nécessite à la fois le rôle {domainNameAdmin} et le rôle {billingAdmin}.',

  'industry.agriculture': 'Agriculture',
  'industry.automotive': 'Automobile',
  'industry.education': 'Éducation',
  'industry.energy': 'Énergie',
  'industry.financialServices': 'Services financiers',
  'industry.government': 'Secteur public',
  'industry.healthcare': 'Santé',
  'industry.hospitality': 'Hôtellerie et restauration',
  'industry.manufacturing': 'Industrie manufacturière',
  'industry.media': 'Médias',
  'industry.nonprofit': 'Organisme à but non lucratif',
  'industry.professionalServices': 'Services professionnels',
  'industry.retail': 'Commerce de détail',
  'industry.technology': 'Technologie',
  'industry.telecommunications': 'Télécommunications',
  'industry.transportation': 'Transports',

  'email.openLink': 'Ou ouvrez ce lien :',
  'email.automated':
    'Ce message a été envoyé automatiquement par le service des relations partenaires ; les réponses ne sont pas lues.',
  'email.factLine': '{label} : {value}',
  'email.actionLine': '{label} : {url}',
  'email.fact.partner': 'Partenaire',
  'email.fact.website': 'Site web',
  'email.fact.customer': 'Client',
  'email.fact.customerTenant': 'Locataire du client',
  'email.fact.partnerType': 'Type de partenaire',
  'email.fact.partnerTypes': 'Types de partenaire',
  'email.fact.adminRoles': 'Rôles d’administrateur',
  'email.fact.invitation': 'Invitation',
  'email.action.openCustomer': 'Ouvrir le client',
  'email.action.reviewPartners': 'Voir vos relations partenaires',
  'email.customerName': '{name} (locataire {tenantId})',
  'email.customerTenantOnly': 'client {tenantId}',

  'email.invitation.subject': '{partner} vous invite à établir une relation de partenaire ({type})',
  'email.invitation.heading': '{partner} souhaite travailler avec votre organisation',
  'email.invitation.intro':
    '{partner} invite votre organisation à établir une relation de partenaire de type « {type} ». Un administrateur de votre organisation peut examiner la demande dans le Centre d’administration Microsoft 365, puis l’accepter ou la refuser.',
  'email.invitation.whoMayAccept': 'Pour l’accepter, il faut l’un de ces rôles dans votre organisation : {roles}.',
  'email.invitation.agreement':
    'Dans la page « Accepter le contrat & autoriser le partenaire », vous confirmez avoir lu le Contrat client Microsoft (version {version}) ; tant que votre organisation ne l’a pas accepté, aucun partenaire ne peut effectuer d’achats ni gérer vos abonnements en votre nom.',
  'email.invitation.warningStandingGlobalAdmin':
    'Important : en acceptant, vous donnez à {partner} le rôle {globalAdmin} dans votre organisation, sans date de fin. Un {globalAdmin} peut modifier tous les paramètres, utilisateurs et abonnements de votre organisation, et garde ce rôle jusqu’à ce que vous supprimiez les rôles d’administrateur du partenaire.',
  'email.invitation.fact.duration': 'Durée',
  'email.invitation.duration': '{days, plural, one {# jour} other {# jours}} à compter de l’acceptation',
  'email.invitation.durationAutoExtend':
    '{days, plural, one {# jour} other {# jours}} à compter de l’acceptation, puis prolongation automatique de {extension} jours à chaque fois',
  'email.invitation.fact.message': 'Message de {partner}',
  'email.invitation.fact.agreement': 'Contrat client Microsoft',
  'email.invitation.agreementValue': 'Version {version} : {url}',
  'email.invitation.fact.validUntil': 'Invitation valable jusqu’au',
  'email.invitation.action': 'Ouvrir « Accepter le contrat & autoriser le partenaire »',
  'email.invitation.footer':
    'N’acceptez que si vous connaissez ce partenaire. Si vous ne souhaitez pas attribuer de rôles d’administrateur au partenaire, annulez l’invitation au lieu de l’accepter. Le lien ne fonctionne qu’une fois ; s’il a expiré ou a été remplacé, demandez au partenaire de vous en envoyer un nouveau.',

  'email.invitationAnswered.subject':
    '{answer, select, accepted {{customer} a accepté votre invitation ({type})} other {{customer} a refusé votre invitation ({type})}}',
  'email.invitationAnswered.heading':
    '{answer, select, accepted {Un client a accepté votre invitation} other {Un client a refusé votre invitation}}',
  'email.invitationAnswered.intro':
    '{answer, select, accepted {{customer} a accepté votre invitation de type « {type} » : la relation est active et les rôles ci-dessous sont attribués.} other {{customer} a refusé votre invitation de type « {type} » ; rien n’a été attribué.}}',
  'email.invitationAnswered.fact.answeredAt': '{answer, select, accepted {Acceptée le} other {Refusée le}}',
  'email.invitationAnswered.fact.gdapEnds': 'Fin de l’accès GDAP',
  'email.invitationAnswered.action.invitation': 'Ouvrir l’invitation',

  'email.acceptanceConfirmation.subject': 'Vous avez autorisé {partner} (« {type} »)',
  'email.acceptanceConfirmation.heading': 'Relation avec {partner} confirmée',
  'email.acceptanceConfirmation.intro':
    '{known, select, yes {{admin}} other {Un administrateur de votre organisation}} a accepté l’invitation de {partner} le {acceptedAt, date, dateTime}.',
  'email.acceptanceConfirmation.fact.granted': 'Rôles d’administrateur attribués',
  'email.acceptanceConfirmation.fact.until': 'Jusqu’au',
  'email.acceptanceConfirmation.untilEnd': '{end, date, dateTime}',
  'email.acceptanceConfirmation.untilRenews':
    '{end, date, dateTime}, puis prolongation automatique de {extension} jours à chaque fois',
  'email.acceptanceConfirmation.untilRemoved': 'Sans date de fin : jusqu’à ce que vous les supprimiez',
  'email.acceptanceConfirmation.fact.agreement': 'Contrat client Microsoft',
  'email.acceptanceConfirmation.agreementAccepted': 'Accepté (version {version})',
  'email.acceptanceConfirmation.howToRemove':
    'Vous pouvez supprimer les rôles d’administrateur du partenaire à tout moment : dans le Centre d’administration Microsoft 365, accédez à Paramètres > Relations partenaires, sélectionnez {partner}, sélectionnez Supprimer les rôles, puis confirmez. La suppression des rôles d’administrateur ne supprime pas la relation partenaire.',
  'email.acceptanceConfirmation.noRoles':
    'Cette relation ne donne à {partner} aucun rôle d’administrateur dans votre organisation.',
  'email.acceptanceConfirmation.footer':
    'Vous ne vous attendiez pas à ce message ? Vérifiez dès maintenant vos relations partenaires et supprimez les rôles d’administrateur que vous ne vouliez pas attribuer.',

  'email.rolesRemoved.subject': '{customer} a supprimé vos rôles d’administrateur',
  'email.rolesRemoved.heading': 'Un client a supprimé vos rôles d’administrateur',
  'email.rolesRemoved.intro':
    'Un administrateur de {customer} a supprimé tous les rôles d’administrateur que {partner} détenait dans son organisation. La relation demeure, avec ses autres types de partenaire.',
  'email.rolesRemoved.fact.removed': 'Rôles supprimés',
  'email.rolesRemoved.fact.removedAt': 'Supprimés le',
  'email.rolesRemoved.fact.typesKept': 'Types de partenaire conservés',
  'email.rolesRemoved.footer':
    'Pour retravailler avec des rôles d’administrateur chez ce client, envoyez-lui une nouvelle invitation.',

  'email.rolesRemovedConfirmation.subject': 'Vous avez supprimé les rôles d’administrateur de {partner}',
  'email.rolesRemovedConfirmation.heading': 'Rôles d’administrateur supprimés',
  'email.rolesRemovedConfirmation.intro':
    'Un administrateur de votre organisation a supprimé tous les rôles d’administrateur de {partner} le {removedAt, date, dateTime}. Le partenaire ne peut plus agir en tant qu’administrateur dans votre organisation.',
  'email.rolesRemovedConfirmation.relationshipStays':
    'La suppression des rôles d’administrateur ne supprime pas la relation partenaire : {partner} peut toujours travailler avec vous dans une capacité différente, par exemple un revendeur. Si vous décidez de ne plus travailler avec ce partenaire, contactez-le pour mettre fin à la relation.',

  'email.terminated.partner.subject': 'Vous avez mis fin à la relation avec {customer}',
  'email.terminated.partner.heading': 'Relation terminée',
  'email.terminated.partner.intro':
    '{partner} a mis fin à sa relation de partenaire avec {customer}. Tous les rôles d’administrateur qu’il y détenait ont pris fin, et il ne peut plus passer de commandes pour ce client.',
  'email.terminated.customer.subject': '{partner} a mis fin à sa relation de partenaire avec votre organisation',
  'email.terminated.customer.heading': '{partner} a mis fin à votre relation de partenaire',
  'email.terminated.customer.intro':
    '{partner} a mis fin à sa relation avec votre organisation. Il ne détient plus de rôles d’administrateur dans votre organisation et ne peut plus acheter ni gérer d’abonnements pour vous.',
  'email.terminated.customer.footer': 'Des questions sur ce changement ? Contactez le partenaire.',
  'email.terminated.fact.endedAt': 'Terminée le',
  'email.terminated.fact.rolesEnded': 'Rôles d’administrateur terminés',

  'email.gdapNotice.partner.subject':
    '{renews, select, yes {L’accès GDAP à {customer} sera prolongé automatiquement dans {days, plural, one {# jour} other {# jours}}} other {L’accès GDAP à {customer} prend fin dans {days, plural, one {# jour} other {# jours}}}}',
  'email.gdapNotice.partner.heading':
    '{renews, select, yes {L’accès GDAP sera bientôt prolongé} other {L’accès GDAP prend bientôt fin}}',
  'email.gdapNotice.partner.intro':
    '{renews, select, yes {Les privilèges d’administrateur délégué granulaires de {partner} pour {customer} arrivent à échéance dans {days, plural, one {# jour} other {# jours}} et seront alors prolongés automatiquement de {extension} jours.} other {Les privilèges d’administrateur délégué granulaires de {partner} pour {customer} prennent fin dans {days, plural, one {# jour} other {# jours}}. Pour les conserver, envoyez au client une nouvelle invitation GDAP.}}',
  'email.gdapNotice.customer.subject':
    '{renews, select, yes {L’accès administrateur de {partner} à votre organisation sera prolongé automatiquement dans {days, plural, one {# jour} other {# jours}}} other {L’accès administrateur de {partner} à votre organisation prend fin dans {days, plural, one {# jour} other {# jours}}}}',
  'email.gdapNotice.customer.heading':
    '{renews, select, yes {L’accès administrateur d’un partenaire sera bientôt prolongé} other {L’accès administrateur d’un partenaire prend bientôt fin}}',
  'email.gdapNotice.customer.intro':
    '{renews, select, yes {Les rôles d’administrateur (GDAP) que vous avez donnés à {partner} arrivent à échéance dans {days, plural, one {# jour} other {# jours}} et seront alors prolongés automatiquement de {extension} jours. Pour l’empêcher, supprimez les rôles d’administrateur du partenaire avant cette date.} other {Les rôles d’administrateur (GDAP) que vous avez donnés à {partner} prennent fin dans {days, plural, one {# jour} other {# jours}}. Si vous souhaitez que le partenaire les conserve, demandez-lui une nouvelle invitation.}}',
  'email.gdap.fact.roles': 'Rôles d’administrateur (GDAP)',
  'email.gdap.fact.renewsOn': 'Prolongation automatique le',
  'email.gdap.fact.endsOn': 'Fin le',
  'email.gdap.fact.endedOn': 'Terminé le',
  'email.gdapExpired.partner.subject': 'L’accès GDAP à {customer} a pris fin',
  'email.gdapExpired.partner.heading': 'Accès GDAP terminé',
  'email.gdapExpired.partner.intro':
    'Les privilèges d’administrateur délégué granulaires de {partner} pour {customer} sont arrivés à échéance le {end, date, dateTime} : les rôles ci-dessous ne sont plus attribués. Pour retravailler avec des rôles d’administrateur chez ce client, envoyez-lui une nouvelle invitation GDAP.',
  'email.gdapExpired.customer.subject': 'L’accès administrateur de {partner} à votre organisation a pris fin',
  'email.gdapExpired.customer.heading': 'L’accès administrateur d’un partenaire a pris fin',
  'email.gdapExpired.customer.intro':
    'Les rôles d’administrateur (GDAP) que vous avez donnés à {partner} sont arrivés à échéance le {end, date, dateTime} : le partenaire ne les détient plus. Si vous souhaitez que le partenaire continue à gérer vos services, demandez-lui une nouvelle invitation.',
  'email.gdapChanged.subject':
    '{change, select, autoExtendEnabled {{partner} a activé le renouvellement automatique de ses rôles d’administrateur} autoExtendDisabled {{partner} a désactivé le renouvellement automatique de ses rôles d’administrateur} other {{partner} a renoncé au rôle d’administrateur général dans votre organisation}}',
  'email.gdapChanged.heading':
    '{change, select, autoExtendEnabled {Les rôles d’administrateur se renouvellent désormais automatiquement} autoExtendDisabled {Les rôles d’administrateur ne se renouvellent plus automatiquement} other {Rôle d’administrateur général abandonné}}',
  'email.gdapChanged.intro':
    '{change, select, autoExtendEnabled {{partner} a modifié ses privilèges d’administration délégués granulaires (GDAP) dans votre organisation le {at, date, dateTime} : à leur échéance, les rôles ci-dessous seront renouvelés automatiquement par périodes de {extension} jours. Pour les arrêter, supprimez les rôles d’administrateur du partenaire.} autoExtendDisabled {{partner} a modifié ses privilèges d’administration délégués granulaires (GDAP) dans votre organisation le {at, date, dateTime} : les rôles ci-dessous ne seront plus renouvelés automatiquement et prennent fin à leur échéance.} other {{partner} a renoncé le {at, date, dateTime} au rôle d’administrateur général qu’il détenait dans votre organisation. Ses autres rôles d’administrateur restent inchangés.}}',
  'email.gdapChanged.fact.roles': '{change, select, globalAdminRemoved {Rôle abandonné} other {Rôles concernés}}',
  'email.gdapChanged.fact.at': 'Modifié le',
  'email.gdapChanged.footer': 'Des questions sur cette modification ? Contactez le partenaire.',

  'email.leadNotification.subject': 'Nouvelle demande de contact de {organization}',
  'email.leadNotification.heading': 'Un client vous demande de le contacter',
  'email.leadNotification.intro':
    '{firstName} {lastName} ({organization}) a trouvé {partner} dans l’annuaire des partenaires et souhaite que vous le contactiez.',
  'email.lead.fact.name': 'Nom',
  'email.lead.fact.email': 'Adresse e-mail',
  'email.lead.fact.phone': 'Téléphone',
  'email.lead.fact.organization': 'Organisation',
  'email.lead.organizationValue': '{organization} ({size}, {industry})',
  'email.lead.fact.location': 'Emplacement',
  'email.lead.fact.needs': 'Besoins',
  'email.lead.fact.language': 'Langue',
  'email.lead.fact.sentAt': 'Envoyée le',
  'email.leadNotification.action': 'Ouvrir vos demandes de contact',
  'email.leadNotification.footer': 'Répondez sous {days} jours : les demandes sans réponse expirent.',

  'email.leadReceipt.subject': 'Votre demande « Me contacter » à {partner}',
  'email.leadReceipt.heading': 'Votre demande a été transmise à {partner}',
  'email.leadReceipt.intro':
    'Vous avez sélectionné Me contacter pour {partner}. Le partenaire vous contacte et vous donne l’occasion d’en savoir plus sur lui. Si vous décidez de travailler avec lui, il vous envoie une invitation par e-mail pour établir une relation de partenaire.',
  'email.leadReceipt.footer':
    'Vous recevez ce message parce que cette adresse a été saisie dans le formulaire « Me contacter » de l’annuaire des partenaires.',
  'email.leadDeclined.subject': '{partner} a refusé votre demande de contact',
  'email.leadDeclined.heading': 'Votre demande de contact a été refusée',
  'email.leadDeclined.intro':
    '{partner} ne donnera pas suite à la demande « Me contacter » que vous avez envoyée le {sentAt, date, dateTime}.',
  'email.leadDeclined.fact.reason': 'Motif indiqué par le partenaire',
  'email.leadDeclined.findAnother':
    'Vous pouvez trouver un autre partenaire dans l’annuaire des partenaires : utilisez les filtres, puis sélectionnez Me contacter.',
  'email.leadDeclined.action': 'Rechercher un partenaire',

  // Webhooks : l’avis au partenaire que son webhook a été désactivé
  'email.webhookDisabled.subject': '{partner} : votre webhook a été désactivé',
  'email.webhookDisabled.heading': 'Votre webhook a été désactivé',
  'email.webhookDisabled.introFailures':
    'Nous n’envoyons plus d’événements à votre webhook : {failures, plural, one {sa dernière tentative de remise a échoué} other {ses # dernières tentatives de remise consécutives ont échoué}}.',
  'email.webhookDisabled.introGone':
    'Nous n’envoyons plus d’événements à votre webhook : il a répondu 410 Gone, ce qui indique que le point de terminaison n’existe plus.',
  'email.webhookDisabled.fact.url': 'URL du webhook',
  'email.webhookDisabled.fact.events': 'Événements',
  'email.webhookDisabled.fact.lastAttempt': 'Dernière tentative',
  'email.webhookDisabled.fact.disabledAt': 'Désactivé le',
  'email.webhookDisabled.lastStatus': 'Statut HTTP {status}',
  'email.webhookDisabled.lastError': 'Aucune réponse : {error}',
  'email.webhookDisabled.whatNow':
    'Les événements survenus pendant que le webhook est désactivé ne sont pas envoyés. Lorsque votre point de terminaison répond de nouveau, enregistrez à nouveau le webhook (PUT /api/partner/webhook) pour le réactiver.',
  'email.webhookDisabled.footer':
    'Vous recevez cet e-mail parce que votre organisation a configuré un webhook pour les événements partenaires.',
};
