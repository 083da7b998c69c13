// DATA: every Microsoft Entra built-in role (template id, names, descriptions), with whether a partner may request it
// through GDAP. The role catalog (roles.ts) serves it; nothing else reads it.
//
// Sources, so it can be refreshed the same way:
// - ids, English names and descriptions, `privileged`: Microsoft Learn, "Microsoft Entra built-in roles"
//   (learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference, "All roles" table, 2026-01).
// - French and Italian names and descriptions: the French and Italian editions Microsoft published of that reference
//   ("Rôles intégrés Azure AD", "Ruoli predefiniti di Azure AD", 2021), for the roles they list, with Microsoft's later
//   renames applied (Azure AD → Microsoft Entra ID, Power Apps/Power Automate); roles they lack, and Power BI
//   Administrator (renamed Fabric Administrator since), are English in every language. Helpdesk Administrator is
//   "Amministratore helpdesk" in Italian as the Italian admin-center help names it.
// - `gdapAllowed`: Partner Center's "GDAP role guidance" (learn.microsoft.com/partner-center/customers/
//   gdap-least-privileged-roles-by-task) lets a GDAP relationship request Microsoft Entra built-in roles; refused here
//   are the roles Microsoft marks "Do not use - not intended for general use" (Microsoft 365 Support Engineer, Partner
//   Tier1/Tier2 Support) and Directory Synchronization Accounts, reserved to the Microsoft Entra Connect service. Every
//   role of Microsoft's default GDAP set (Directory Readers, Directory Writers, Global Reader, License Administrator,
//   Service Support Administrator, User Administrator, Privileged Role Administrator, Helpdesk Administrator,
//   Privileged Authentication Administrator) is allowed.

export interface EntraRoleData {
  /** The role template id (a GUID, lower case). */
  readonly id: string;
  readonly name: Readonly<{ en: string; fr?: string; it?: string }>;
  readonly description: Readonly<{ en: string; fr?: string; it?: string }>;
  /** Microsoft labels it privileged (it can lead to elevation of privilege). */
  readonly privileged: boolean;
  readonly gdapAllowed: boolean;
}

export const entraBuiltInRoles: readonly EntraRoleData[] = [
  {
    id: 'db506228-d27e-4b7d-95e5-295956d6615f',
    name: { en: 'Agent ID Administrator' },
    description: {
      en: 'Manage all aspects of agents in a tenant including identity lifecycle operations for agent blueprints, agent service principals, agent identities, and agentic users.',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: 'adb2368d-a9be-41b5-8667-d96778e081b0',
    name: { en: 'Agent ID Developer' },
    description: {
      en: 'Create an agent blueprint and its service principal in a tenant. User will be added as an owner of the agent blueprint and its service principal.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '6b942400-691f-4bf0-9d12-d8a254a2baf5',
    name: { en: 'Agent Registry Administrator' },
    description: { en: 'Manage all aspects of the Agent Registry service in Microsoft Entra ID' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'd2562ede-74db-457e-a7b6-544e236ebb61',
    name: { en: 'AI Administrator' },
    description: { en: 'Manage all aspects of Microsoft 365 Copilot and AI-related enterprise services in Microsoft 365.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
    name: { en: 'Application Administrator', fr: 'Administrateur d’application', it: 'Amministratore applicazione' },
    description: {
      en: 'Can create and manage all aspects of app registrations and enterprise apps.',
      fr: 'Peut créer et gérer tous les aspects des inscriptions d’applications et des applications d’entreprise.',
      it: 'Può creare e gestire tutti gli aspetti delle registrazioni di app e delle app aziendali.',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: 'cf1c38e5-3621-4004-a7cb-879624dced7c',
    name: { en: 'Application Developer', fr: 'Développeur d’applications', it: 'Sviluppatore di applicazioni' },
    description: {
      en: "Can create application registrations independent of the 'Users can register applications' setting.",
      fr: 'Peut créer des inscriptions d’applications indépendamment du paramètre « Les utilisateurs peuvent inscrire des applications ».',
      it: 'Può creare registrazioni di applicazioni indipendentemente dall’impostazione ’Gli utenti possono registrare applicazioni’.',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: '9c6df0f2-1e7c-4dc3-b195-66dfbd24aa8f',
    name: { en: 'Attack Payload Author', fr: 'Auteur de charge utile d’attaque', it: 'Autore del payload di attacco' },
    description: {
      en: 'Can create attack payloads that an administrator can initiate later.',
      fr: 'Peut créer des charges utiles d’attaque qu’un administrateur peut lancer plus tard.',
      it: 'Può creare payload di attacco che un amministratore può avviare in un secondo momento.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'c430b396-e693-46cc-96f3-db01bf8bb62a',
    name: {
      en: 'Attack Simulation Administrator',
      fr: 'Administrateur de simulation d’attaque',
      it: 'Amministratore simulazione attacchi',
    },
    description: {
      en: 'Can create and manage all aspects of attack simulation campaigns.',
      fr: 'Peut créer et gérer tous les aspects des campagnes de simulation d’attaque.',
      it: 'Può creare e gestire tutti gli aspetti delle campagne di simulazione degli attacchi.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '58a13ea3-c632-46ae-9ee0-9c0d43cd7f3d',
    name: { en: 'Attribute Assignment Administrator' },
    description: { en: 'Assign custom security attribute keys and values to supported Microsoft Entra objects.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'ffd52fa5-98dc-465c-991d-fc073eb59f8f',
    name: { en: 'Attribute Assignment Reader' },
    description: { en: 'Read custom security attribute keys and values for supported Microsoft Entra objects.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '8424c6f0-a189-499e-bbd0-26c1753c96d4',
    name: { en: 'Attribute Definition Administrator' },
    description: { en: 'Define and manage the definition of custom security attributes.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '1d336d2c-4ae8-42ef-9711-b3604ce3fc2c',
    name: { en: 'Attribute Definition Reader' },
    description: { en: 'Read the definition of custom security attributes.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '5b784334-f94b-471a-a387-e7219fc49ca2',
    name: { en: 'Attribute Log Administrator' },
    description: { en: 'Read audit logs and configure diagnostic settings for events related to custom security attributes.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '9c99539d-8186-4804-835f-fd51ef9e2dcd',
    name: { en: 'Attribute Log Reader' },
    description: { en: 'Read audit logs related to custom security attributes.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'ecb2c6bf-0ab6-418e-bd87-7986f8d63bbe',
    name: { en: 'Attribute Provisioning Administrator' },
    description: {
      en: 'Read and edit the provisioning configuration of all active custom security attributes for an application.',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: '422218e4-db15-4ef9-bbe0-8afb41546d79',
    name: { en: 'Attribute Provisioning Reader' },
    description: { en: 'Read the provisioning configuration of all active custom security attributes for an application.' },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
    name: {
      en: 'Authentication Administrator',
      fr: 'Administrateur d’authentification',
      it: 'Amministratore dell’autenticazione',
    },
    description: {
      en: 'Can access to view, set and reset authentication method information for any non-admin user.',
      fr: 'Peut accéder pour afficher, définir et réinitialiser les informations de méthode d’authentification pour tout utilisateur non administrateur.',
      it: 'Può accedere per visualizzare, impostare e reimpostare le informazioni sul metodo di autenticazione per qualsiasi utente non amministratore.',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: '25a516ed-2fa0-40ea-a2d0-12923a21473a',
    name: { en: 'Authentication Extensibility Administrator' },
    description: {
      en: 'Customize sign in and sign up experiences for users by creating and managing custom authentication extensions.',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: '0526716b-113d-4c15-b2c8-68e3c22b9f80',
    name: {
      en: 'Authentication Policy Administrator',
      fr: 'Administrateur de la stratégie d’authentification',
      it: 'Amministratore dei criteri di autenticazione',
    },
    description: {
      en: 'Can create and manage the authentication methods policy, tenant-wide MFA settings, password protection policy, and verifiable credentials.',
      fr: 'Peut créer et gérer tous les aspects des méthodes d’authentification et des stratégies de protection par mot de passe.',
      it: 'Può creare e gestire tutti gli aspetti dei metodi di autenticazione e dei criteri di protezione delle password.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'e3973bdf-4987-49ae-837a-ba8e231c7286',
    name: { en: 'Azure DevOps Administrator', fr: 'Administrateur Azure DevOps', it: 'Amministratore di Azure DevOps' },
    description: {
      en: 'Can manage Azure DevOps policies and settings.',
      fr: 'Peut gérer la stratégie et les paramètres de l’organisation Azure DevOps.',
      it: 'Può gestire i criteri e le impostazioni dell’organizzazione di Azure DevOps.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '7495fdc4-34c4-4d15-a289-98788ce399fd',
    name: {
      en: 'Azure Information Protection Administrator',
      fr: 'Administrateur Azure Information Protection',
      it: 'Amministratore di Azure Information Protection',
    },
    description: {
      en: 'Can manage all aspects of the Azure Information Protection product.',
      fr: 'Peut gérer tous les aspects du produit Azure Information Protection.',
      it: 'Può gestire tutti gli aspetti del prodotto Azure Information Protection.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'aaf43236-0c0d-4d5f-883a-6955382ac081',
    name: {
      en: 'B2C IEF Keyset Administrator',
      fr: 'Administrateur de jeux de clés B2C IEF',
      it: 'Amministratore dei set di chiavi IEF B2C',
    },
    description: {
      en: 'Can manage secrets for federation and encryption in the Identity Experience Framework (IEF).',
      fr: 'Peut gérer les secrets pour la fédération et le chiffrement dans Identity Experience Framework (IEF).',
      it: 'Può gestire i segreti per la federazione e la crittografia nel Identity Experience Framework (IEF).',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: '3edaf663-341e-4475-9f94-5c398ef6c070',
    name: {
      en: 'B2C IEF Policy Administrator',
      fr: 'Administrateur de stratégies B2C IEF',
      it: 'Amministratore dei criteri IEF B2C',
    },
    description: {
      en: 'Can create and manage trust framework policies in the Identity Experience Framework (IEF).',
      fr: 'Peut créer et gérer les stratégies de framework de confiance dans Identity Experience Framework (IEF).',
      it: 'Può creare e gestire i criteri del framework attendibilità nel Identity Experience Framework (IEF).',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'b0f54661-2d74-4c50-afa3-1ec803f12efe',
    name: { en: 'Billing Administrator', fr: 'Administrateur de facturation', it: 'Amministratore fatturazione' },
    description: {
      en: 'Can perform common billing related tasks like updating payment information.',
      fr: 'Peut effectuer des tâches de facturation courantes, comme la mise à jour des informations de paiement.',
      it: 'Può eseguire attività comuni relative alla fatturazione, ad esempio aggiornare le informazioni di pagamento.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '892c5842-a9a6-463a-8041-72aa08ca3cf6',
    name: { en: 'Cloud App Security Administrator' },
    description: { en: 'Can manage all aspects of the Defender for Cloud Apps product.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '158c047a-c907-4556-b7ef-446551a6b5f7',
    name: {
      en: 'Cloud Application Administrator',
      fr: 'Administrateur d’application cloud',
      it: 'Amministratore di applicazioni cloud',
    },
    description: {
      en: 'Can create and manage all aspects of app registrations and enterprise apps except App Proxy.',
      fr: 'Peut créer et gérer tous les aspects des inscriptions d’applications et des applications d’entreprise, à l’exception du proxy d’application.',
      it: 'Può creare e gestire tutti gli aspetti delle registrazioni di app e delle app aziendali, ad eccezione del Proxy di applicazione.',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: '7698a772-787b-4ac8-901f-60d6b08affd2',
    name: { en: 'Cloud Device Administrator', fr: 'Administrateur d’appareil cloud', it: 'Amministratore dispositivo cloud' },
    description: {
      en: 'Limited access to manage devices in Microsoft Entra ID.',
      fr: 'Accès limité pour gérer des appareils dans Microsoft Entra ID.',
      it: 'Accesso limitato per la gestione dei dispositivi in Microsoft Entra ID.',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: '17315797-102d-40b4-93e0-432062caca18',
    name: { en: 'Compliance Administrator', fr: 'Administrateur de conformité', it: 'Amministratore di conformità' },
    description: {
      en: 'Can read and manage compliance configuration and reports in Microsoft Entra ID and Microsoft 365.',
      fr: 'Peut lire et gérer la configuration de la conformité et les rapports dans Microsoft Entra ID et Microsoft 365.',
      it: 'Può leggere e gestire la configurazione di conformità e i report in Microsoft Entra ID e Microsoft 365.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'e6d1a23a-da11-4be4-9570-befc86d067a7',
    name: {
      en: 'Compliance Data Administrator',
      fr: 'Administrateur des données de conformité',
      it: 'Amministratore dei dati sulla conformità',
    },
    description: {
      en: 'Creates and manages compliance content.',
      fr: 'Crée et gère le contenu de conformité.',
      it: 'Creare e gestire i contenuti relativi alla conformità.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9',
    name: {
      en: 'Conditional Access Administrator',
      fr: 'Administrateur de l’accès conditionnel',
      it: 'Amministratore accesso condizionale',
    },
    description: {
      en: 'Can manage Conditional Access capabilities.',
      fr: 'Peut gérer les fonctionnalités d’accès conditionnel.',
      it: 'Può gestire le funzionalità di accesso condizionale.',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: '5c4f9dcd-47dc-4cf7-8c9a-9e4207cbfc91',
    name: {
      en: 'Customer LockBox Access Approver',
      fr: 'Approbateur d’accès à Customer LockBox',
      it: 'Responsabile approvazione per l’accesso a Customer Lockbox',
    },
    description: {
      en: 'Can approve Microsoft support requests to access customer organizational data.',
      fr: 'Peut approuver les demandes de support Microsoft pour accéder aux données organisationnelles du client.',
      it: 'Può approvare le richieste di supporto Microsoft per l’accesso ai dati aziendali dei clienti.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '38a96431-2bdf-4b4c-8b6e-5d3d8abac1a4',
    name: {
      en: 'Desktop Analytics Administrator',
      fr: 'Administrateur Desktop Analytics',
      it: 'Amministratore Desktop Analytics',
    },
    description: {
      en: 'Can access and manage Desktop management tools and services.',
      fr: 'Peut utiliser et gérer des services et outils de gestion de bureau.',
      it: 'Può accedere e gestire strumenti e servizi di gestione desktop.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
    name: { en: 'Directory Readers', fr: 'Lecteurs de répertoire', it: 'Ruolo con autorizzazioni di lettura nella directory' },
    description: {
      en: 'Can read basic directory information. Commonly used to grant directory read access to applications and guests.',
      fr: 'Peut lire les informations d’annuaire de base. Couramment utilisé pour accorder à l’annuaire l’accès en lecture aux applications et aux invités.',
      it: 'Può leggere le informazioni base della directory. Comunemente usato per concedere l’accesso in lettura alla directory ad applicazioni e guest.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'd29b2b05-8046-44ba-8758-1e26182fcf32',
    name: {
      en: 'Directory Synchronization Accounts',
      fr: 'Comptes de synchronisation d’annuaires',
      it: 'Account di sincronizzazione della directory',
    },
    description: {
      en: 'Only used by Microsoft Entra Connect service.',
      fr: 'Utilisés uniquement par le service Microsoft Entra Connect.',
      it: 'Usata solo dal servizio di Microsoft Entra Connect.',
    },
    privileged: false,
    gdapAllowed: false,
  },
  {
    id: '9360feb5-f418-4baa-8175-e2a00bac4301',
    name: {
      en: 'Directory Writers',
      fr: 'Enregistreurs de répertoire',
      it: 'Ruolo con autorizzazioni di scrittura nella directory',
    },
    description: {
      en: 'Can read and write basic directory information. For granting access to applications, not intended for users.',
      fr: 'Peut lire et écrire des informations d’annuaire de base. Pour accorder l’accès aux applications, non destiné aux utilisateurs.',
      it: 'Può leggere e scrivere informazioni di base sulla directory. Per concedere l’accesso alle applicazioni, non destinato agli utenti.',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: '8329153b-31d0-4727-b945-745eb3bc5f31',
    name: { en: 'Domain Name Administrator', fr: 'Administrateur de nom de domaine', it: 'Amministratore del nome di dominio' },
    description: {
      en: 'Can manage domain names in cloud and on-premises.',
      fr: 'Peut gérer les noms de domaine dans le cloud et localement.',
      it: 'Può gestire i nomi di dominio nel cloud e in locale.',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: 'e93e3737-fa85-474a-aee4-7d3fb86510f3',
    name: { en: 'Dragon Administrator' },
    description: { en: 'Manage all aspects of the Microsoft Dragon admin center.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '44367163-eba1-44c3-98af-f5787879f96a',
    name: { en: 'Dynamics 365 Administrator', fr: 'Administrateur Dynamics 365', it: 'Amministratore di Dynamics 365' },
    description: {
      en: 'Can manage all aspects of the Dynamics 365 product.',
      fr: 'Peut gérer tous les aspects du produit Dynamics 365.',
      it: 'Può gestire tutti gli aspetti del prodotto Dynamics 365.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '963797fb-eb3b-4cde-8ce3-5878b3f32a3f',
    name: { en: 'Dynamics 365 Business Central Administrator' },
    description: { en: 'Access and perform all administrative tasks on Dynamics 365 Business Central environments.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '3f1acade-1e04-4fbc-9b69-f0302cd84aef',
    name: { en: 'Edge Administrator' },
    description: { en: 'Manage all aspects of Microsoft Edge.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '29232cdf-9323-42fd-ade2-1d097af3e4de',
    name: { en: 'Exchange Administrator', fr: 'Administrateur Exchange', it: 'Amministratore di Exchange' },
    description: {
      en: 'Can manage all aspects of the Exchange product.',
      fr: 'Peut gérer tous les aspects du produit Exchange.',
      it: 'Può gestire tutti gli aspetti del prodotto Exchange.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '49eb8f75-97e9-4e37-9b2b-6c3ebfcffa31',
    name: { en: 'Exchange Backup Administrator' },
    description: { en: 'Back up and restore content (including granular restore) for Exchange in Microsoft 365 Backup' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '31392ffb-586c-42d1-9346-e59415a2cc4e',
    name: { en: 'Exchange Recipient Administrator', it: 'Amministratore destinatari di Exchange' },
    description: {
      en: 'Can create or update Exchange Online recipients within the Exchange Online organization.',
      it: 'Può creare o aggiornare i destinatari di Exchange Online all’interno dell’organizzazione di Exchange Online.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'dd13091a-6207-4fc0-82ba-3641e056ab95',
    name: { en: 'Extended Directory User Administrator' },
    description: { en: 'Manage all aspects of external user profiles in the extended directory for Teams.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '6e591065-9bad-43ed-90f3-e9424366d2f0',
    name: {
      en: 'External ID User Flow Administrator',
      fr: 'Administrateur de flux d’utilisateurs ID externe',
      it: 'ID esterno - Amministratore dei flussi utente',
    },
    description: {
      en: 'Can create and manage all aspects of user flows.',
      fr: 'Peut créer et gérer tous les aspects des flux utilisateur.',
      it: 'Può creare e gestire tutti gli aspetti dei flussi utente.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '0f971eea-41eb-4569-a71e-57bb8a3eff1e',
    name: {
      en: 'External ID User Flow Attribute Administrator',
      fr: 'Administrateur d’attribut de flux d’utilisateurs ID externe',
    },
    description: {
      en: 'Can create and manage the attribute schema available to all user flows.',
      fr: 'Peut créer et gérer le schéma d’attribut disponible pour tous les flux utilisateur.',
      it: 'Può creare e gestire lo schema dell’attributo disponibile per tutti i flussi utente.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'be2f45a1-457d-42af-a067-6ec1fa63bc45',
    name: {
      en: 'External Identity Provider Administrator',
      fr: 'Administrateur de fournisseurs d’identité externes',
      it: 'Amministratore dei provider di identità esterni',
    },
    description: {
      en: 'Can configure identity providers for use in direct federation.',
      fr: 'Peut configurer les fournisseurs d’identité pour une utilisation dans la fédération directe.',
      it: 'Può configurare i provider di identità per l’uso nella federazione diretta.',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: 'a9ea8996-122f-4c74-9520-8edcd192826c',
    name: { en: 'Fabric Administrator' },
    description: { en: 'Can manage all aspects of the Fabric and Power BI products.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '62e90394-69f5-4237-9190-012177145e10',
    name: { en: 'Global Administrator', fr: 'Administrateur général', it: 'Amministratore globale' },
    description: {
      en: 'Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.',
      fr: 'Peut gérer tous les aspects de Microsoft Entra ID et des services Microsoft qui utilisent des identités Microsoft Entra ID.',
      it: 'Può gestire tutti gli aspetti di Microsoft Entra ID e dei servizi Microsoft che usano identità di Microsoft Entra ID.',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
    name: { en: 'Global Reader', fr: 'Lecteur général', it: 'Ruolo con autorizzazioni di lettura globali' },
    description: {
      en: 'Can read everything that a Global Administrator can, but not update anything.',
      fr: 'Peut lire tous les éléments comme un administrateur général, mais ne peut pas mettre à jour.',
      it: 'Può leggere tutto ciò che può fare un amministratore globale, ma non aggiornare nulla.',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: 'ac434307-12b9-4fa1-a708-88bf58caabc1',
    name: { en: 'Global Secure Access Administrator' },
    description: {
      en: 'Create and manage all aspects of Global Secure Internet Access and Microsoft Global Secure Private Access, including managing access to public and private endpoints.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '843318fb-79a6-4168-9e6f-aa9a07481cc4',
    name: { en: 'Global Secure Access Log Reader' },
    description: {
      en: 'Provides designated security personnel with read-only access to network traffic logs in Microsoft Entra Internet Access and Microsoft Entra Private Access for detailed analysis.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'fdd7a751-b60b-444a-984c-02652fe8fa1c',
    name: { en: 'Groups Administrator', fr: 'Administrateur de groupes', it: 'Amministratore di gruppi' },
    description: {
      en: 'Members of this role can create/manage groups, create/manage groups settings like naming and expiration policies, and view groups activity and audit reports.',
      fr: 'Les membres de ce rôle peuvent créer/gérer des groupes, créer/gérer des paramètres de groupes tels que des stratégies de nommage et d’expiration, ainsi qu’afficher des rapports d’activité et d’audit de groupes.',
      it: 'I membri di questo ruolo possono creare/gestire gruppi, creare/gestire le impostazioni dei gruppi, ad esempio i criteri di denominazione e scadenza, e visualizzare i report di attività e controllo dei gruppi.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '95e79109-95c0-4d8e-aee3-d01accf2d47b',
    name: { en: 'Guest Inviter', fr: 'Inviteur d’invités', it: 'Mittente dell’invito guest' },
    description: {
      en: "Can invite guest users independent of the 'members can invite guests' setting.",
      fr: 'Peut inviter des utilisateurs invités indépendamment du paramètre « Les membres peuvent inviter des invités ».',
      it: 'Può invitare utenti guest indipendentemente dall’impostazione ’I membri possono invitare utenti guest’.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
    name: { en: 'Helpdesk Administrator', fr: 'Administrateur du support technique', it: 'Amministratore helpdesk' },
    description: {
      en: 'Can reset passwords for non-administrators and Helpdesk Administrators.',
      fr: 'Peut réinitialiser des mots de passe pour les utilisateurs non-administrateurs et les administrateurs du support technique.',
      it: 'Può reimpostare le password per gli utenti non amministratori e gli amministratori helpdesk.',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2',
    name: {
      en: 'Hybrid Identity Administrator',
      fr: 'Administrateur d’identité hybride',
      it: 'Amministratore delle identità ibride',
    },
    description: {
      en: 'Manage Active Directory to Microsoft Entra cloud provisioning, Microsoft Entra Connect, pass-through authentication (PTA), password hash synchronization (PHS), seamless single sign-on (seamless SSO), and federation settings. Does not have access to manage Microsoft Entra Connect Health.',
      fr: 'Peut gérer les paramètres d’approvisionnement d’AD au cloud Microsoft Entra ID, de Microsoft Entra Connect et de fédération.',
      it: 'Può gestire il provisioning cloud da AD a Microsoft Entra ID, Microsoft Entra Connect e federazione.',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: '45d8d3c5-c802-45c6-b32a-1d70b5e1e86e',
    name: { en: 'Identity Governance Administrator' },
    description: { en: 'Manage access using Microsoft Entra ID for identity governance scenarios.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'eb1f4a8d-243a-41f0-9fbd-c7cdf6c5ef7c',
    name: { en: 'Insights Administrator', fr: 'Administrateur Insights', it: 'Amministratore di Insights' },
    description: {
      en: 'Has administrative access in the Microsoft 365 Insights app.',
      fr: 'Dispose d’un accès administratif dans l’application Microsoft 365 Insights.',
      it: 'Ha accesso amministrativo nell’app Microsoft 365 Insights.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '25df335f-86eb-4119-b717-0ff02de207e9',
    name: { en: 'Insights Analyst' },
    description: { en: 'Access the analytical capabilities in Microsoft Viva Insights and run custom queries.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '31e939ad-9672-4796-9c2e-873181342d2d',
    name: { en: 'Insights Business Leader', fr: 'Leader d’entreprise Insights', it: 'Leader aziendale di Insights' },
    description: {
      en: 'Can view and share dashboards and insights via the Microsoft 365 Insights app.',
      fr: 'Peut voir et partager des tableaux de bord et des insights par le biais de l’application M365 Insights.',
      it: 'È possibile visualizzare e condividere dashboard e informazioni dettagliate tramite l’app M365 Insights.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '3a2c62db-5318-420d-8d74-23affee5d9d5',
    name: { en: 'Intune Administrator', fr: 'Administrateur Intune', it: 'Amministratore di Intune' },
    description: {
      en: 'Can manage all aspects of the Intune product.',
      fr: 'Peut gérer tous les aspects du produit Intune.',
      it: 'Può gestire tutti gli aspetti del prodotto Intune.',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: '2ea5ce4c-b2d8-4668-bd81-3680bd2d227a',
    name: { en: 'IoT Device Administrator' },
    description: {
      en: 'Provision new IoT devices, manage their lifecycle, configure certificates, and manage device templates.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '74ef975b-6605-40af-a5d2-b9539d836353',
    name: { en: 'Kaizala Administrator', fr: 'Administrateur Kaizala', it: 'Amministratore di Kaizala' },
    description: {
      en: 'Can manage settings for Microsoft Kaizala.',
      fr: 'Peut gérer les paramètres de Microsoft Kaizala.',
      it: 'Può gestire le impostazioni per Microsoft Kaizala.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'b5a8dcf3-09d5-43a9-a639-8e29ef291470',
    name: { en: 'Knowledge Administrator', fr: 'Administrateur des connaissances', it: 'Amministratore delle informazioni' },
    description: {
      en: 'Can configure knowledge, learning, and other intelligent features.',
      fr: 'Peut configurer les connaissances, l’apprentissage et d’autres fonctionnalités intelligentes.',
      it: 'Può configurare le conoscenze, l’apprendimento e altre funzionalità intelligenti.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '744ec460-397e-42ad-a462-8b3f9747a02c',
    name: { en: 'Knowledge Manager' },
    description: { en: 'Can organize, create, manage, and promote topics and knowledge.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
    name: { en: 'License Administrator', fr: 'Administrateur de licence', it: 'Amministratore licenze' },
    description: {
      en: 'Can manage product licenses on users and groups.',
      fr: 'Peut gérer les licences de produit pour les utilisateurs et les groupes.',
      it: 'Possono gestire licenze dei prodotti per utenti e gruppi.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '59d46f88-662b-457b-bceb-5c3809e5908f',
    name: { en: 'Lifecycle Workflows Administrator' },
    description: {
      en: 'Create and manage all aspects of workflows and tasks associated with Lifecycle Workflows in Microsoft Entra ID.',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: 'ac16e43d-7b2d-40e0-ac05-243ff356ab5b',
    name: {
      en: 'Message Center Privacy Reader',
      fr: 'Lecteur de confidentialité du Centre de messages',
      it: 'Ruolo con autorizzazioni di lettura per la privacy del Centro messaggi',
    },
    description: {
      en: 'Can read security messages and updates in Office 365 Message Center only.',
      fr: 'Peut lire les messages et les mises à jour de sécurité uniquement dans le Centre de messages Office 365.',
      it: 'È in grado di leggere solo i messaggi di sicurezza e gli aggiornamenti Centro messaggi Office 365.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b',
    name: {
      en: 'Message Center Reader',
      fr: 'Lecteur du Centre de messages',
      it: 'Ruolo con autorizzazioni di lettura per il Centro messaggi',
    },
    description: {
      en: 'Can read messages and updates for their organization in Office 365 Message Center only.',
      fr: 'Peut lire les messages et les mises à jour de son organisation dans le Centre de messages Office 365 uniquement.',
      it: 'Può eseguire la lettura di messaggi e aggiornamenti per la propria organizzazione solo nel Centro messaggi di Office 365.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '1707125e-0aa2-4d4d-8655-a7c786c76a25',
    name: { en: 'Microsoft 365 Backup Administrator' },
    description: {
      en: 'Back up and restore content across supported services (SharePoint, OneDrive, and Exchange Online) in Microsoft 365 Backup',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '8c8b803f-96e1-4129-9349-20738d9f9652',
    name: { en: 'Microsoft 365 Migration Administrator' },
    description: { en: 'Perform all migration functionality to migrate content to Microsoft 365 using Migration Manager.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '00cf5c54-4693-4f59-a0ac-ab79ef0a974d',
    name: { en: 'Microsoft 365 Support Engineer' },
    description: { en: 'Do not use - not intended for general use.' },
    privileged: false,
    gdapAllowed: false,
  },
  {
    id: '9f06204d-73c1-4d4c-880a-6edb90606fd8',
    name: {
      en: 'Microsoft Entra Joined Device Local Administrator',
      fr: 'Administrateur local de l’appareil joint à Microsoft Entra',
      it: 'Amministratore locale del dispositivo aggiunto a Microsoft Entra',
    },
    description: {
      en: 'Users assigned to this role are added to the local administrators group on Microsoft Entra joined devices.',
      fr: 'Les utilisateurs dotés de ce rôle sont ajoutés au groupe d’administrateurs locaux sur des appareils joints à Microsoft Entra.',
      it: 'Gli utenti assegnati a questo ruolo vengono aggiunti al gruppo di amministratori locale nei dispositivi aggiunti a Microsoft Entra.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'ee67aa9c-e510-4759-b906-227085a7fd4d',
    name: { en: 'Microsoft Graph Data Connect Administrator' },
    description: { en: 'Manage aspects of Microsoft Graph Data Connect service in a tenant.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '1501b917-7653-4ff9-a4b5-203eaf33784f',
    name: { en: 'Microsoft Hardware Warranty Administrator' },
    description: {
      en: 'Create and manage all aspects warranty claims and entitlements for Microsoft manufactured hardware, like Surface and HoloLens.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '281fe777-fb20-4fbb-b7a3-ccebce5b0d96',
    name: { en: 'Microsoft Hardware Warranty Specialist' },
    description: { en: 'Create and read warranty claims for Microsoft manufactured hardware, like Surface and HoloLens.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'd37c8bed-0711-4417-ba38-b4abe66ce4c2',
    name: { en: 'Network Administrator', fr: 'Administrateur réseau', it: 'Amministratore di rete' },
    description: {
      en: 'Can manage network locations and review enterprise network design insights for Microsoft 365 Software as a Service applications.',
      fr: 'Peut gérer les emplacements réseau et passer en revue les insights sur la conception réseau de l’entreprise pour les applications Software as a Service Microsoft 365.',
      it: 'Può gestire i percorsi di rete ed esaminare le informazioni dettagliate sulla progettazione della rete aziendale per le applicazioni SaaS (Software as a Service) di Microsoft 365.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '2b745bdf-0803-4d80-aa65-822c4493daac',
    name: {
      en: 'Office Apps Administrator',
      fr: 'Administrateur d’applications Office',
      it: 'Amministratore delle app di Office',
    },
    description: {
      en: "Can manage Office apps cloud services, including policy and settings management, and manage the ability to select, unselect and publish 'what's new' feature content to end-user's devices.",
      fr: 'Peut gérer les services cloud des applications Office, notamment la gestion des stratégies et des paramètres, et gérer la possibilité de sélectionner, de désélectionner et de publier le contenu de la fonctionnalité « Nouveautés » sur les appareils de l’utilisateur final.',
      it: 'Può gestire i servizi cloud delle app di Office, inclusa la gestione di criteri e impostazioni, e gestire la possibilità di selezionare, deselezionare e pubblicare il contenuto delle funzionalità "novità" nei dispositivi dell’utente finale.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '92ed04bf-c94a-4b82-9729-b799a7a4c178',
    name: { en: 'Organizational Branding Administrator' },
    description: { en: 'Manage all aspects of organizational branding in a tenant.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '9d70768a-0cbc-4b4c-aea3-2e124b2477f4',
    name: { en: 'Organizational Data Source Administrator' },
    description: { en: 'Set up and manage the ingestion of organizational data into Microsoft 365.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'e48398e2-f4bb-4074-8f31-4586725e205b',
    name: { en: 'Organizational Messages Approver' },
    description: {
      en: 'Review, approve, or reject new organizational messages for delivery in the Microsoft 365 admin center before they are sent to users.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '507f53e4-4e52-4077-abd3-d2e1558b6ea2',
    name: { en: 'Organizational Messages Writer' },
    description: {
      en: 'Write, publish, manage, and review the organizational messages for end-users through Microsoft product surfaces.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '4ba39ca4-527c-499a-b93d-d9b492c50246',
    name: { en: 'Partner Tier1 Support', fr: 'Prise en charge de niveau 1 de partenaire', it: 'Supporto partner - Livello 1' },
    description: {
      en: 'Do not use - not intended for general use.',
      fr: 'Ne pas utiliser - non destiné à une utilisation générale.',
      it: 'Non usare: non destinato all’uso generale.',
    },
    privileged: true,
    gdapAllowed: false,
  },
  {
    id: 'e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8',
    name: { en: 'Partner Tier2 Support', fr: 'Prise en charge de niveau 2 de partenaire', it: 'Supporto partner - Livello 2' },
    description: {
      en: 'Do not use - not intended for general use.',
      fr: 'Ne pas utiliser - non destiné à une utilisation générale.',
      it: 'Non usare: non destinato all’uso generale.',
    },
    privileged: true,
    gdapAllowed: false,
  },
  {
    id: '966707d0-3269-4727-9be2-8c3a10f19b9d',
    name: { en: 'Password Administrator', fr: 'Administrateur de mots de passe', it: 'Amministratore password' },
    description: {
      en: 'Can reset passwords for non-administrators and Password Administrators.',
      fr: 'Peut réinitialiser les mots de passe pour les utilisateurs non administrateurs et les administrateurs de mot de passe.',
      it: 'Può reimpostare le password per gli amministratori non amministratori e password.',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: '024906de-61e5-49c8-8572-40335f1e0e10',
    name: { en: 'People Administrator' },
    description: { en: 'Manage profile photos of users and people settings for all users in the organization.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'af78dc32-cf4d-46f9-ba4e-4428526346b5',
    name: { en: 'Permissions Management Administrator' },
    description: { en: 'Manage all aspects of Microsoft Entra Permissions Management.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '78b0ccd1-afc2-4f92-9116-b41aedd09592',
    name: { en: 'Places Administrator' },
    description: { en: 'Manage all aspects of the Microsoft Places service.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '11648597-926c-4cf3-9c36-bcebb0ba8dcc',
    name: {
      en: 'Power Platform Administrator',
      fr: 'Administrateur de plateforme Power',
      it: 'Amministratore di Power Platform',
    },
    description: {
      en: 'Can create and manage all aspects of Microsoft Dynamics 365, Power Apps and Power Automate.',
      fr: 'Peut créer et gérer tous les aspects de Microsoft Dynamics 365, Power Apps et Power Automate.',
      it: 'Può creare e gestire tutti gli aspetti di Microsoft Dynamics 365, Power Apps e Power Automate.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '644ef478-e28f-4e28-b9dc-3fdde9aa0b1f',
    name: { en: 'Printer Administrator', fr: 'Administrateur d’imprimantes', it: 'Amministratore stampante' },
    description: {
      en: 'Can manage all aspects of printers and printer connectors.',
      fr: 'Peut gérer tous les aspects des imprimantes et des connecteurs d’imprimantes.',
      it: 'Può gestire tutti gli aspetti delle stampanti e dei connettori delle stampanti.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'e8cef6f1-e4bd-4ea8-bc07-4b8d950f4477',
    name: { en: 'Printer Technician', fr: 'Technicien en charge des imprimantes', it: 'Tecnico della stampante' },
    description: {
      en: 'Can register and unregister printers and update printer status.',
      fr: 'Peut inscrire et désinscrire des imprimantes et mettre à jour l’état de l’imprimante.',
      it: 'Può registrare e annullare la registrazione delle stampanti e aggiornare lo stato della stampante.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
    name: {
      en: 'Privileged Authentication Administrator',
      fr: 'Administrateur d’authentification privilégié',
      it: 'Amministratore autenticazione con privilegi',
    },
    description: {
      en: 'Can access to view, set and reset authentication method information for any user (admin or non-admin).',
      fr: 'Peut afficher, définir et réinitialiser les informations de méthode d’authentification pour tout utilisateur (administrateur ou non administrateur).',
      it: 'Può accedere per visualizzare, impostare e reimpostare le informazioni sul metodo di autenticazione per qualsiasi utente (amministratore o non amministratore).',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
    name: {
      en: 'Privileged Role Administrator',
      fr: 'Administrateur de rôle privilégié',
      it: 'Amministratore dei ruoli con privilegi',
    },
    description: {
      en: 'Can manage role assignments in Microsoft Entra ID, and all aspects of Privileged Identity Management.',
      fr: 'Peut gérer les attributions de rôles dans Microsoft Entra ID, et tous les aspects de Privileged Identity Management.',
      it: 'Può gestire le assegnazioni di ruolo Microsoft Entra ID e tutti gli aspetti della Privileged Identity Management.',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: '4a5d8f65-41da-4de4-8968-e035b65339cf',
    name: { en: 'Reports Reader', fr: 'Lecteur de rapports', it: 'Lettore di report' },
    description: {
      en: 'Can read sign-in and audit reports.',
      fr: 'Peut lire les rapports d’audit et sur les connexions.',
      it: 'Può eseguire la lettura dei report di accesso e di controllo.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '0964bb5e-9bdb-4d7b-ac29-58e794862a40',
    name: { en: 'Search Administrator', fr: 'Administrateur de recherche', it: 'Amministratore della ricerca' },
    description: {
      en: 'Can create and manage all aspects of Microsoft Search settings.',
      fr: 'Peut créer et gérer tous les aspects des paramètres de Recherche Microsoft.',
      it: 'Consente di creare e gestire tutti gli aspetti delle impostazioni di Microsoft Search.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '8835291a-918c-4fd7-a9ce-faa49f0cf7d9',
    name: { en: 'Search Editor', fr: 'Éditeur de recherche', it: 'Editor della ricerca' },
    description: {
      en: 'Can create and manage the editorial content such as bookmarks, Q and As, locations, floorplan.',
      fr: 'Peut créer et gérer le contenu éditorial comme les signets, les questions et réponses, les emplacements et les plans d’étage.',
      it: 'Può creare e gestire i contenuti editoriali, ad esempio segnalibri, domande e risposte, posizioni e planimetrie.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '194ae4cb-b126-40b2-bd5b-6091b380977d',
    name: { en: 'Security Administrator', fr: 'Administrateur de la sécurité', it: 'Amministratore della sicurezza' },
    description: {
      en: 'Can read security information and reports, and manage configuration in Microsoft Entra ID and Office 365.',
      fr: 'Peut lire des rapports et des informations de sécurité, ainsi que gérer la configuration dans Microsoft Entra ID et Office 365.',
      it: 'Può leggere informazioni e report sulla sicurezza e gestire la configurazione in Microsoft Entra ID e Office 365.',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f',
    name: { en: 'Security Operator', fr: 'Opérateur de sécurité', it: 'Operatore per la sicurezza' },
    description: {
      en: 'Creates and manages security events.',
      fr: 'Crée et gère les événements de sécurité.',
      it: 'Creare e gestire gli eventi di sicurezza.',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: '5d6b6bb7-de71-4623-b4af-96380a352509',
    name: { en: 'Security Reader', fr: 'Lecteur de sécurité', it: 'Ruolo con autorizzazioni di lettura per la sicurezza' },
    description: {
      en: 'Can read security information and reports in Microsoft Entra ID and Office 365.',
      fr: 'Peut lire des rapports et des informations de sécurité dans Microsoft Entra ID et Office 365.',
      it: 'Può eseguire la lettura dei report e delle informazioni di sicurezza in Microsoft Entra ID e Office 365.',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: 'f023fd81-a637-4b56-95fd-791ac0226033',
    name: {
      en: 'Service Support Administrator',
      fr: 'Administrateur de support de service',
      it: 'Amministratore servizio di supporto',
    },
    description: {
      en: 'Can read service health information and manage support tickets.',
      fr: 'Peut lire des informations sur l’intégrité du service et gérer les tickets de support.',
      it: 'Può eseguire la lettura delle informazioni di integrità dei servizi e gestire i ticket di supporto.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c',
    name: { en: 'SharePoint Administrator', fr: 'Administrateur SharePoint', it: 'Amministratore di SharePoint' },
    description: {
      en: 'Can manage all aspects of the SharePoint service.',
      fr: 'Peut gérer tous les aspects du service SharePoint.',
      it: 'Può gestire tutti gli aspetti del servizio SharePoint.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '99009c4a-3b3f-4957-82a9-9d35e12db77e',
    name: { en: 'SharePoint Advanced Management Administrator' },
    description: { en: 'Manage all aspects of SharePoint Advanced Management.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '9d3e04ba-3ee4-4d1b-a3a7-9aef423a09be',
    name: { en: 'SharePoint Backup Administrator' },
    description: {
      en: 'Back up and restore content (including granular restore) for SharePoint and OneDrive in Microsoft 365 Backup',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '1a7d78b6-429f-476b-b8eb-35fb715fffd4',
    name: { en: 'SharePoint Embedded Administrator' },
    description: { en: 'Manage all aspects of SharePoint Embedded containers.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '75941009-915a-4869-abe7-691bff18279e',
    name: {
      en: 'Skype for Business Administrator',
      fr: 'Administrateur Skype Entreprise',
      it: 'Amministratore di Skype for Business',
    },
    description: {
      en: 'Can manage all aspects of the Skype for Business product.',
      fr: 'Peut gérer tous les aspects du produit Skype Entreprise.',
      it: 'Può gestire tutti gli aspetti del prodotto Skype for Business.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '69091246-20e8-4a56-aa4d-066075b2a7a8',
    name: { en: 'Teams Administrator', fr: 'Administrateur Teams', it: 'Amministratore di Teams' },
    description: {
      en: 'Can manage the Microsoft Teams service.',
      fr: 'Peut gérer le service Microsoft Teams.',
      it: 'Può gestire il servizio Microsoft Teams.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'baf37b3a-610e-45da-9e62-d9d1e5e8914b',
    name: {
      en: 'Teams Communications Administrator',
      fr: 'Administrateur des communications Teams',
      it: 'Amministratore delle comunicazioni con Teams',
    },
    description: {
      en: 'Can manage calling and meetings features within the Microsoft Teams service.',
      fr: 'Peut gérer les fonctionnalités d’appel et de réunion au sein du service Microsoft Teams.',
      it: 'Può gestire le funzionalità per chiamate e riunioni all’interno del servizio Microsoft Teams.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'f70938a0-fc10-4177-9e90-2178f8765737',
    name: {
      en: 'Teams Communications Support Engineer',
      fr: 'Ingénieur de support des communications Teams',
      it: 'Tecnico supporto comunicazioni Teams',
    },
    description: {
      en: 'Can troubleshoot communications issues within Teams using advanced tools.',
      fr: 'Peut résoudre les problèmes de communication au sein de Teams à l’aide d’outils avancés.',
      it: 'Può risolvere i problemi di comunicazione all’interno di Teams tramite strumenti avanzati.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'fcf91098-03e3-41a9-b5ba-6f0ec8188a12',
    name: {
      en: 'Teams Communications Support Specialist',
      fr: 'Spécialiste du support des communications Teams',
      it: 'Specialista supporto comunicazioni Teams',
    },
    description: {
      en: 'Can troubleshoot communications issues within Teams using basic tools.',
      fr: 'Peut résoudre les problèmes de communication au sein de Teams à l’aide d’outils de base.',
      it: 'Può risolvere i problemi di comunicazione all’interno di Teams tramite strumenti di base.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '3d762c5a-1b6c-493f-843e-55a3b42923d4',
    name: {
      en: 'Teams Devices Administrator',
      fr: 'Administrateur d’appareils Teams',
      it: 'Amministratore di dispositivi di Teams',
    },
    description: {
      en: 'Can perform management related tasks on Teams certified devices.',
      fr: 'Peut effectuer des tâches d’administration sur des appareils certifiés Teams.',
      it: 'Può eseguire attività correlate alla gestione nei dispositivi certificati di Teams.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '1076ac91-f3d9-41a7-a339-dcdf5f480acc',
    name: { en: 'Teams Reader' },
    description: { en: 'Read everything in the Teams admin center, but not update anything.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'aa38014f-0993-46e9-9b45-30501a20909d',
    name: { en: 'Teams Telephony Administrator' },
    description: {
      en: 'Manage voice and telephony features and troubleshoot communication issues within the Microsoft Teams service.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '112ca1a2-15ad-4102-995e-45b0bc479a6a',
    name: { en: 'Tenant Creator' },
    description: { en: 'Create new Microsoft Entra or Azure AD B2C tenants.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '75934031-6c7e-415a-99d7-48dbd49e875e',
    name: {
      en: 'Usage Summary Reports Reader',
      fr: 'Lecteur de rapports de synthèse sur l’utilisation',
      it: 'Lettore report riepilogo utilizzo',
    },
    description: {
      en: "Read Usage reports and Adoption Score, but can't access user details.",
      fr: 'Ne peut voir que les agrégats au niveau locataire dans les rapports Analyse de l’utilisation et Score de productivité de Microsoft 365.',
      it: 'Può visualizzare solo le aggregazioni a livello di tenant in Microsoft 365 analisi di utilizzo e punteggio di produttività.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
    name: { en: 'User Administrator', fr: 'Administrateur d’utilisateurs', it: 'Amministratore utenti' },
    description: {
      en: 'Can manage all aspects of users and groups, including resetting passwords for limited admins.',
      fr: 'Peut gérer tous les aspects des utilisateurs et groupes, notamment la réinitialisation des mots de passe pour les administrateurs limités.',
      it: 'Può gestire tutti gli aspetti di utenti e gruppi, inclusa la reimpostazione delle password per gli amministratori con limitazioni.',
    },
    privileged: true,
    gdapAllowed: true,
  },
  {
    id: '27460883-1df1-4691-b032-3b79643e5e63',
    name: { en: 'User Experience Success Manager' },
    description: { en: 'View product feedback, survey results, and reports to find training and communication opportunities.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: 'e300d9e7-4a2b-4295-9eff-f1c78b36cc98',
    name: { en: 'Virtual Visits Administrator' },
    description: { en: 'Manage and share Virtual Visits information and metrics from admin centers or the Virtual Visits app.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '0ec3f692-38d6-4d14-9e69-0377ca7797ad',
    name: { en: 'Viva Glint Tenant Administrator' },
    description: { en: 'Manage and configure Microsoft Viva Glint settings in the Microsoft 365 admin center.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '92b086b3-e367-4ef2-b869-1de128fb986e',
    name: { en: 'Viva Goals Administrator' },
    description: { en: 'Manage and configure all aspects of Microsoft Viva Goals.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '87761b17-1ed2-4af3-9acd-92a150038160',
    name: { en: 'Viva Pulse Administrator' },
    description: { en: 'Can manage all settings for Microsoft Viva Pulse app.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '11451d60-acb2-45eb-a7d6-43d0f0125c13',
    name: { en: 'Windows 365 Administrator' },
    description: { en: 'Can provision and manage all aspects of Cloud PCs.' },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '32696413-001a-46ae-978c-ce0f6b3620d2',
    name: { en: 'Windows Update Deployment Administrator' },
    description: {
      en: 'Can create and manage all aspects of Windows Update deployments through the Windows Update for Business deployment service.',
    },
    privileged: false,
    gdapAllowed: true,
  },
  {
    id: '810a2642-a034-447f-a5e8-41beaa378541',
    name: { en: 'Yammer Administrator' },
    description: { en: 'Manage all aspects of the Yammer service.' },
    privileged: false,
    gdapAllowed: true,
  },
];
