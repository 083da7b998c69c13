// Italiano. I termini dell'interfaccia di amministrazione di Microsoft 365 come li usa la pagina italiana "Gestire le
// relazioni con i partner": "Accetta contratto & autorizzare il partner", "Accetta & Autorizza", "Contratto del
// cliente Microsoft", "Rimuovi ruoli", "Relazioni con i partner", "Contattami", "Centro per i partner", e i suoi nomi
// dei tipi di partner.
import type { Catalog } from './en.js';

export const it: Catalog = {
  'common.none': 'Nessuno',
  'common.rolesNotAssignable': 'Nessuno (non disponibile per l’assegnazione a questo tipo di partner)',
  'common.peopleCount': '{size} persone',

  'problem.title.400': 'Richiesta non valida',
  'problem.title.401': 'Autenticazione necessaria',
  'problem.title.403': 'Accesso negato',
  'problem.title.404': 'Non trovato',
  'problem.title.409': 'Conflitto',
  'problem.title.412': 'Precondizione non soddisfatta',
  'problem.title.413': 'Contenuto troppo grande',
  'problem.title.415': 'Tipo di contenuto non supportato',
  'problem.title.429': 'Troppe richieste',
  'problem.title.500': 'Errore interno del server',
  'problem.title.503': 'Servizio occupato',
  'problem.detail.validation-failed':
    '{where, select, body {Il corpo della richiesta non è valido} query {I parametri della richiesta non sono validi} other {Il percorso non è valido}}: {fields}.',
  'problem.detail.body-required': 'È necessario un corpo della richiesta in formato JSON.',
  'problem.detail.malformed-json': 'Il corpo della richiesta non è un JSON valido.',
  'problem.detail.unsupported-media-type': 'Inviare il corpo come application/json.',
  'problem.detail.payload-too-large': 'Il corpo della richiesta supera {kib} KiB.',
  'problem.detail.token-missing': 'Accedere: questa operazione richiede un token di accesso (bearer).',
  'problem.detail.customer-admin-required': 'È necessario essere almeno {billingAdmin} (o {globalAdmin}) dell’organizzazione.',
  'problem.detail.role-required-to-grant':
    'Accettando questo invito si assegnano ruoli di amministratore al partner, operazione che richiede il ruolo {roles} nell’organizzazione. Chiedere a chi ha questo ruolo di accettarlo, oppure rifiutare l’invito.',
  'problem.detail.agreement-required':
    'L’organizzazione non ha ancora accettato il Contratto del cliente Microsoft (versione {version}): leggerlo all’indirizzo {url} e accettarlo con "acceptAgreement": true.',
  'problem.detail.no-admin-roles':
    'Questo partner non ha ruoli di amministratore nell’organizzazione, quindi non c’è nulla da rimuovere. Per modificare o terminare la relazione stessa, contattare il Centro per i partner.',
  'problem.detail.contact-partner':
    'Un cliente non può terminare una relazione con un partner: contattare {contact} e chiedere di terminarla. Per interrompere subito l’accesso amministrativo del partner, rimuovere i suoi ruoli di amministratore.',
  'problem.detail.invitation-accepted':
    'Questo invito è già stato accettato; solo un invito in sospeso può ricevere una risposta, essere inviato di nuovo o revocato.',
  'problem.detail.invitation-declined':
    'Questo invito è stato rifiutato; solo un invito in sospeso può ricevere una risposta, essere inviato di nuovo o revocato.',
  'problem.detail.invitation-revoked':
    'Il partner ha revocato questo invito; solo un invito in sospeso può ricevere una risposta, essere inviato di nuovo o revocato.',
  'problem.detail.invitation-expired': 'Questo invito è scaduto; chiedere al partner di inviarne uno nuovo.',
  'problem.detail.throttled': 'Troppe richieste di questo tipo; riprovare più tardi.',
  'problem.detail.precondition-failed': 'La risorsa è cambiata dopo la lettura (If-Match non corrisponde al suo ETag).',
  'problem.detail.contention': 'La risorsa è in corso di modifica da parte di altre richieste; riprovare tra poco.',
  'problem.detail.internal-error':
    'Si è verificato un errore da parte nostra. Riprovare più tardi; se il problema persiste, indicare l’ID istanza.',
  'problem.detail.not-found': 'L’elemento richiesto non esiste.',
  'problem.detail.webhook-url-not-allowed':
    'L’URL del webhook deve usare https (http semplice solo verso questa macchina, se la distribuzione lo consente), senza credenziali né frammento.',
  'problem.detail.display-name-taken':
    'Il nome visualizzato «{displayName}» è già usato da un’altra delle tue relazioni o inviti in sospeso; scegline un altro.',
  'problem.notFound.invitation': 'L’invito non esiste.',
  'problem.notFound.customer': 'Il cliente non esiste.',
  'problem.notFound.partner': 'Il partner non esiste.',
  'problem.notFound.contactRequest': 'La richiesta di contatto non esiste.',
  'problem.notFound.relationshipWithThisPartner': 'La relazione con questo partner non esiste.',
  'problem.notFound.partnerProfile': 'Il profilo partner non esiste.',
  'problem.notFound.roleTemplate': 'Il modello di ruoli non esiste.',
  'problem.notFound.operation': 'L’operazione non esiste.',
  'problem.notFound.webhook': 'Il webhook non esiste.',
  'problem.detail.no-gdap-roles': 'Non hai ruoli GDAP in vigore su questo cliente: non c’è nulla da modificare.',
  'problem.detail.no-global-admin':
    'Non hai tramite GDAP il ruolo di amministratore globale in vigore su questo cliente: non c’è nulla da rimuovere.',
  'problem.detail.auto-extend-not-allowed':
    'Un accesso GDAP che include il ruolo di amministratore globale non può essere esteso automaticamente.',
  'problem.notFound.accessAssignment': 'L’assegnazione di accesso non esiste.',
  'problem.detail.roles-not-in-force':
    'A un gruppo si possono assegnare solo ruoli GDAP concessi da questo cliente e ancora in vigore; questi non lo sono: {roles}.',
  'problem.detail.too-many-access-assignments':
    'I ruoli di un cliente possono essere assegnati al massimo a {max} gruppi; rimuoverne prima uno.',

  'partnerType.advisor.name': 'Advisor',
  'partnerType.advisor.description':
    'I partner possono reimpostare le password e gestire gli eventi imprevisti di supporto per conto dell’utente.',
  'partnerType.isv.name': 'Fornitore di software indipendente',
  'partnerType.isv.description':
    'Partner che sviluppano e vendono prodotti software personalizzati eseguiti su una o più piattaforme hardware o del sistema operativo del computer.',
  'partnerType.indirectReseller.name': 'Rivenditore indiretto',
  'partnerType.indirectReseller.description':
    'Partner che gestiscono prodotti e servizi per l’organizzazione o l’istituto di istruzione tramite un distributore.',
  'partnerType.lineOfBusiness.name': 'Partner line-of-business (LOB)',
  'partnerType.lineOfBusiness.description':
    'I partner possono sviluppare, inviare e gestire app line-of-business specifiche per l’organizzazione o l’istituto di istruzione.',
  'partnerType.mpsa.name': 'Partner Microsoft Products & Services Agreement (MPSA)',
  'partnerType.mpsa.description':
    'Se hai lavorato con più partner tramite il programma MPSA, puoi consentire loro di visualizzare gli acquisti fatti l’uno dall’altro.',
  'partnerType.oem.name': 'Original Equipment Manufacturer (OEM)',
  'partnerType.oem.description':
    'Registra i dispositivi Windows Autopilot per conto dell’utente: non vengono concesse né richieste autorizzazioni al tenant.',
  'partnerType.userAccount.name': 'Partner con un account utente nel tenant',
  'partnerType.userAccount.description':
    'Si assegna al partner un account utente nel tenant e questi lavorano con altri servizi Microsoft per conto dell’utente.',
  'partnerType.gdap.name': 'Collaborare con l’accesso GDAP',
  'partnerType.gdap.description':
    'Privilegi di amministratore delegato granulare (GDAP): i ruoli meno permissivi di cui il partner ha bisogno, per un tempo limitato, senza l’autorizzazione di amministratore globale.',
  'partnerType.reseller.name': 'Rivenditore',
  'partnerType.reseller.description': 'Partner che vendono prodotti Microsoft all’organizzazione o all’istituto di istruzione.',

  'billingPage.purchaseServices': 'Servizi di acquisto',
  'billingPage.yourProducts': 'Prodotti',
  'billingPage.licenses': 'Licenze',
  'billingPage.billsAndPayments': 'Fatture & pagamenti',
  'billingPage.billingNotifications': 'Notifiche di fatturazione',
  'billingPage.domainSubscriptions': 'Sottoscrizioni di dominio',
  'billingPage.reason.usePartnerCenter':
    'Non disponibile per un partner che agisce per conto del cliente: per acquistare e gestire le sottoscrizioni per il cliente, visitare il Centro per i partner.',
  'billingPage.reason.noActiveAdminRoles':
    'Non hai, tramite i tuoi gruppi di sicurezza, ruoli di amministratore in vigore su questo cliente (nessuno assegnato ai tuoi gruppi, mai concessi, rimossi dal cliente, scaduti o relazione terminata).',
  'billingPage.reason.domainNeedsCustomerUser':
    'Le sottoscrizioni di dominio sono gestite da un utente del cliente con il ruolo {domainNameAdmin} e {billingAdmin}: chiedere al cliente di accedere.',
  'billingPage.reason.billingRoleRequired': 'Richiede il ruolo {billingAdmin} o {globalAdmin}.',
  'billingPage.reason.domainRolesRequired': 'Richiede sia il ruolo {domainNameAdmin} sia il ruolo {billingAdmin}.',

  'industry.agriculture': 'Agricoltura',
  'industry.automotive': 'Automotive',
  'industry.education': 'Istruzione',
  'industry.energy': 'Energia',
  'industry.financialServices': 'Servizi finanziari',
  'industry.government': 'Pubblica amministrazione',
  'industry.healthcare': 'Sanità',
  'industry.hospitality': 'Ospitalità',
  'industry.manufacturing': 'Produzione industriale',
  'industry.media': 'Media',
  'industry.nonprofit': 'Non profit',
  'industry.professionalServices': 'Servizi professionali',
  'industry.retail': 'Vendita al dettaglio',
  'industry.technology': 'Tecnologia',
  'industry.telecommunications': 'Telecomunicazioni',
  'industry.transportation': 'Trasporti',

  'email.openLink': 'Oppure aprire questo collegamento:',
  'email.automated':
    'Questo messaggio è stato inviato automaticamente dal servizio delle relazioni con i partner; le risposte non vengono lette.',
  'email.factLine': '{label}: {value}',
  'email.actionLine': '{label}: {url}',
  'email.fact.partner': 'Partner',
  'email.fact.website': 'Sito web',
  'email.fact.customer': 'Cliente',
  'email.fact.customerTenant': 'Tenant del cliente',
  'email.fact.partnerType': 'Tipo di partner',
  'email.fact.partnerTypes': 'Tipi di partner',
  'email.fact.adminRoles': 'Ruoli di amministratore',
  'email.fact.invitation': 'Invito',
  'email.action.openCustomer': 'Apri il cliente',
  'email.action.reviewPartners': 'Visualizza le relazioni con i partner',
  'email.customerName': '{name} (tenant {tenantId})',
  'email.customerTenantOnly': 'cliente {tenantId}',

  'email.invitation.subject': '{partner} invita l’organizzazione a una relazione con i partner ({type})',
  'email.invitation.heading': '{partner} vorrebbe collaborare con l’organizzazione',
  'email.invitation.intro':
    '{partner} ha invitato l’organizzazione a una relazione con i partner come "{type}". Un amministratore dell’organizzazione può esaminare la richiesta nell’interfaccia di amministrazione di Microsoft 365 e accettarla o rifiutarla.',
  'email.invitation.whoMayAccept': 'Per accettarlo è necessario uno di questi ruoli nell’organizzazione: {roles}.',
  'email.invitation.agreement':
    'Nella pagina "Accetta contratto & autorizzare il partner" si conferma la lettura del Contratto del cliente Microsoft (versione {version}); finché l’organizzazione non lo accetta, nessun partner può effettuare acquisti o gestire le sottoscrizioni per conto dell’utente.',
  'email.invitation.warningStandingGlobalAdmin':
    'Importante: accettando, si assegna a {partner} il ruolo {globalAdmin} nell’organizzazione, senza data di fine. Un {globalAdmin} può modificare tutte le impostazioni, gli utenti e le sottoscrizioni dell’organizzazione e mantiene il ruolo finché non si rimuovono i ruoli di amministratore del partner.',
  'email.invitation.fact.duration': 'Durata',
  'email.invitation.duration': '{days, plural, one {# giorno} other {# giorni}} dall’accettazione',
  'email.invitation.durationAutoExtend':
    '{days, plural, one {# giorno} other {# giorni}} dall’accettazione, poi estensione automatica di {extension} giorni alla volta',
  'email.invitation.fact.message': 'Messaggio di {partner}',
  'email.invitation.fact.agreement': 'Contratto del cliente Microsoft',
  'email.invitation.agreementValue': 'Versione {version}: {url}',
  'email.invitation.fact.validUntil': 'Invito valido fino al',
  'email.invitation.action': 'Apri "Accetta contratto & autorizzare il partner"',
  'email.invitation.footer':
    'Accettare solo se si conosce questo partner. Se non si vuole assegnare ruoli di amministratore al partner, annullare l’invito anziché accettarlo. Il collegamento funziona una sola volta; se è scaduto o è stato sostituito, chiedere al partner di inviarne uno nuovo.',

  'email.invitationAnswered.subject':
    '{answer, select, accepted {{customer} ha accettato l’invito ({type})} other {{customer} ha rifiutato l’invito ({type})}}',
  'email.invitationAnswered.heading':
    '{answer, select, accepted {Un cliente ha accettato l’invito} other {Un cliente ha rifiutato l’invito}}',
  'email.invitationAnswered.intro':
    '{answer, select, accepted {{customer} ha accettato l’invito "{type}": la relazione è attiva e i ruoli seguenti sono assegnati.} other {{customer} ha rifiutato l’invito "{type}"; non è stato assegnato nulla.}}',
  'email.invitationAnswered.fact.answeredAt': '{answer, select, accepted {Accettato il} other {Rifiutato il}}',
  'email.invitationAnswered.fact.gdapEnds': 'Fine dell’accesso GDAP',
  'email.invitationAnswered.action.invitation': 'Apri l’invito',

  'email.acceptanceConfirmation.subject': 'Hai autorizzato {partner} ("{type}")',
  'email.acceptanceConfirmation.heading': 'Relazione con {partner} confermata',
  'email.acceptanceConfirmation.intro':
    '{known, select, yes {{admin}} other {Un amministratore dell’organizzazione}} ha accettato l’invito di {partner} il {acceptedAt, date, dateTime}.',
  'email.acceptanceConfirmation.fact.granted': 'Ruoli di amministratore assegnati',
  'email.acceptanceConfirmation.fact.until': 'Fino al',
  'email.acceptanceConfirmation.untilEnd': '{end, date, dateTime}',
  'email.acceptanceConfirmation.untilRenews': '{end, date, dateTime}, poi estensione automatica di {extension} giorni alla volta',
  'email.acceptanceConfirmation.untilRemoved': 'Senza data di fine: finché non vengono rimossi',
  'email.acceptanceConfirmation.fact.agreement': 'Contratto del cliente Microsoft',
  'email.acceptanceConfirmation.agreementAccepted': 'Accettato (versione {version})',
  'email.acceptanceConfirmation.howToRemove':
    'È possibile rimuovere i ruoli di amministratore del partner in qualsiasi momento: nell’interfaccia di amministrazione di Microsoft 365 passare a Impostazioni > Relazioni con i partner, selezionare {partner}, selezionare Rimuovi ruoli e confermare. La rimozione dei ruoli di amministratore non rimuove la relazione con il partner.',
  'email.acceptanceConfirmation.noRoles':
    'Questa relazione non assegna a {partner} alcun ruolo di amministratore nell’organizzazione.',
  'email.acceptanceConfirmation.footer':
    'Questo messaggio è inatteso? Verificare subito le relazioni con i partner e rimuovere i ruoli di amministratore che non si intendeva assegnare.',

  'email.rolesRemoved.subject': '{customer} ha rimosso i tuoi ruoli di amministratore',
  'email.rolesRemoved.heading': 'Un cliente ha rimosso i tuoi ruoli di amministratore',
  'email.rolesRemoved.intro':
    'Un amministratore di {customer} ha rimosso tutti i ruoli di amministratore che {partner} aveva nella sua organizzazione. La relazione rimane, con gli altri tipi di partner.',
  'email.rolesRemoved.fact.removed': 'Ruoli rimossi',
  'email.rolesRemoved.fact.removedAt': 'Rimossi il',
  'email.rolesRemoved.fact.typesKept': 'Tipi di partner mantenuti',
  'email.rolesRemoved.footer': 'Per lavorare di nuovo con ruoli di amministratore per questo cliente, inviagli un nuovo invito.',

  'email.rolesRemovedConfirmation.subject': 'Hai rimosso i ruoli di amministratore di {partner}',
  'email.rolesRemovedConfirmation.heading': 'Ruoli di amministratore rimossi',
  'email.rolesRemovedConfirmation.intro':
    'Un amministratore dell’organizzazione ha rimosso tutti i ruoli di amministratore di {partner} il {removedAt, date, dateTime}. Il partner non può più agire come amministratore nell’organizzazione.',
  'email.rolesRemovedConfirmation.relationshipStays':
    'La rimozione dei ruoli di amministratore non rimuove la relazione tra partner: {partner} può comunque collaborare con l’utente in una capacità diversa, ad esempio un rivenditore. Se si decide di non voler più collaborare con il partner, contattarlo per terminare la relazione.',

  'email.terminated.partner.subject': 'Hai terminato la relazione con {customer}',
  'email.terminated.partner.heading': 'Relazione terminata',
  'email.terminated.partner.intro':
    '{partner} ha terminato la relazione con {customer}. Tutti i ruoli di amministratore che aveva presso il cliente sono terminati e non può più effettuare ordini per questo cliente.',
  'email.terminated.customer.subject': '{partner} ha terminato la relazione con l’organizzazione',
  'email.terminated.customer.heading': '{partner} ha terminato la relazione con i partner',
  'email.terminated.customer.intro':
    '{partner} ha terminato la relazione con l’organizzazione. Non ha più ruoli di amministratore nell’organizzazione e non può più acquistare o gestire sottoscrizioni per conto dell’utente.',
  'email.terminated.customer.footer': 'Domande su questa modifica? Contattare il partner.',
  'email.terminated.fact.endedAt': 'Terminata il',
  'email.terminated.fact.rolesEnded': 'Ruoli di amministratore terminati',

  'email.gdapNotice.partner.subject':
    '{renews, select, yes {L’accesso GDAP a {customer} verrà esteso automaticamente tra {days, plural, one {# giorno} other {# giorni}}} other {L’accesso GDAP a {customer} termina tra {days, plural, one {# giorno} other {# giorni}}}}',
  'email.gdapNotice.partner.heading':
    '{renews, select, yes {L’accesso GDAP verrà esteso a breve} other {L’accesso GDAP sta per terminare}}',
  'email.gdapNotice.partner.intro':
    '{renews, select, yes {I privilegi di amministratore delegato granulare di {partner} per {customer} arrivano a scadenza tra {days, plural, one {# giorno} other {# giorni}} e verranno poi estesi automaticamente di {extension} giorni.} other {I privilegi di amministratore delegato granulare di {partner} per {customer} terminano tra {days, plural, one {# giorno} other {# giorni}}. Per mantenerli, inviare al cliente un nuovo invito GDAP.}}',
  'email.gdapNotice.customer.subject':
    '{renews, select, yes {L’accesso amministrativo di {partner} all’organizzazione verrà esteso automaticamente tra {days, plural, one {# giorno} other {# giorni}}} other {L’accesso amministrativo di {partner} all’organizzazione termina tra {days, plural, one {# giorno} other {# giorni}}}}',
  'email.gdapNotice.customer.heading':
    '{renews, select, yes {L’accesso amministrativo di un partner verrà esteso a breve} other {L’accesso amministrativo di un partner sta per terminare}}',
  'email.gdapNotice.customer.intro':
    '{renews, select, yes {I ruoli di amministratore (GDAP) assegnati a {partner} arrivano a scadenza tra {days, plural, one {# giorno} other {# giorni}} e verranno poi estesi automaticamente di {extension} giorni. Per impedirlo, rimuovere prima di allora i ruoli di amministratore del partner.} other {I ruoli di amministratore (GDAP) assegnati a {partner} terminano tra {days, plural, one {# giorno} other {# giorni}}. Se si vuole che il partner li mantenga, chiedergli un nuovo invito.}}',
  'email.gdap.fact.roles': 'Ruoli di amministratore (GDAP)',
  'email.gdap.fact.renewsOn': 'Estensione automatica il',
  'email.gdap.fact.endsOn': 'Termina il',
  'email.gdap.fact.endedOn': 'Terminato il',
  'email.gdapExpired.partner.subject': 'L’accesso GDAP a {customer} è terminato',
  'email.gdapExpired.partner.heading': 'Accesso GDAP terminato',
  'email.gdapExpired.partner.intro':
    'I privilegi di amministratore delegato granulare di {partner} per {customer} sono arrivati a scadenza il {end, date, dateTime}: i ruoli seguenti non sono più assegnati. Per lavorare di nuovo con ruoli di amministratore per questo cliente, inviagli un nuovo invito GDAP.',
  'email.gdapExpired.customer.subject': 'L’accesso amministrativo di {partner} all’organizzazione è terminato',
  'email.gdapExpired.customer.heading': 'L’accesso amministrativo di un partner è terminato',
  'email.gdapExpired.customer.intro':
    'I ruoli di amministratore (GDAP) assegnati a {partner} sono arrivati a scadenza il {end, date, dateTime}: il partner non li ha più. Se si vuole che il partner continui a gestire i servizi, chiedergli un nuovo invito.',
  'email.gdapChanged.subject':
    '{change, select, autoExtendEnabled {{partner} ha attivato il rinnovo automatico dei suoi ruoli di amministratore} autoExtendDisabled {{partner} ha disattivato il rinnovo automatico dei suoi ruoli di amministratore} other {{partner} ha rinunciato al ruolo di amministratore globale nella tua organizzazione}}',
  'email.gdapChanged.heading':
    '{change, select, autoExtendEnabled {I ruoli di amministratore ora si rinnovano automaticamente} autoExtendDisabled {I ruoli di amministratore non si rinnovano più automaticamente} other {Ruolo di amministratore globale abbandonato}}',
  'email.gdapChanged.intro':
    '{change, select, autoExtendEnabled {{partner} ha modificato i suoi privilegi di amministratore delegato granulari (GDAP) nella tua organizzazione il {at, date, dateTime}: alla scadenza, i ruoli seguenti verranno rinnovati automaticamente di {extension} giorni alla volta. Per interromperli, rimuovi i ruoli di amministratore del partner.} autoExtendDisabled {{partner} ha modificato i suoi privilegi di amministratore delegato granulari (GDAP) nella tua organizzazione il {at, date, dateTime}: i ruoli seguenti non verranno più rinnovati automaticamente e terminano alla loro scadenza.} other {{partner} ha rinunciato il {at, date, dateTime} al ruolo di amministratore globale che aveva nella tua organizzazione. Gli altri ruoli di amministratore restano invariati.}}',
  'email.gdapChanged.fact.roles': '{change, select, globalAdminRemoved {Ruolo abbandonato} other {Ruoli interessati}}',
  'email.gdapChanged.fact.at': 'Modificato il',
  'email.gdapChanged.footer': 'Domande su questa modifica? Contatta il partner.',

  'email.leadNotification.subject': 'Nuova richiesta di contatto da {organization}',
  'email.leadNotification.heading': 'Un cliente chiede di essere contattato',
  'email.leadNotification.intro':
    '{firstName} {lastName} ({organization}) ha trovato {partner} nella directory dei partner e vorrebbe essere contattato.',
  'email.lead.fact.name': 'Nome',
  'email.lead.fact.email': 'Indirizzo di posta elettronica',
  'email.lead.fact.phone': 'Telefono',
  'email.lead.fact.organization': 'Organizzazione',
  'email.lead.organizationValue': '{organization} ({size}, {industry})',
  'email.lead.fact.location': 'Posizione',
  'email.lead.fact.needs': 'Esigenze',
  'email.lead.fact.language': 'Lingua',
  'email.lead.fact.sentAt': 'Inviata il',
  'email.leadNotification.action': 'Apri le richieste di contatto',
  'email.leadNotification.footer': 'Rispondere entro {days} giorni: le richieste senza risposta scadono.',

  'email.leadReceipt.subject': 'La richiesta Contattami inviata a {partner}',
  'email.leadReceipt.heading': 'La richiesta è stata inviata a {partner}',
  'email.leadReceipt.intro':
    'Hai selezionato Contattami per {partner}. Il partner ti contatta e ti dà la possibilità di saperne di più su di loro. Se decidi di collaborare con loro, ti inviano un invito tramite posta elettronica per stabilire una relazione con il partner.',
  'email.leadReceipt.footer':
    'Ricevi questo messaggio perché questo indirizzo è stato inserito nel modulo Contattami della directory dei partner.',
  'email.leadDeclined.subject': '{partner} ha rifiutato la richiesta di contatto',
  'email.leadDeclined.heading': 'La richiesta di contatto è stata rifiutata',
  'email.leadDeclined.intro': '{partner} non darà seguito alla richiesta Contattami inviata il {sentAt, date, dateTime}.',
  'email.leadDeclined.fact.reason': 'Motivo indicato dal partner',
  'email.leadDeclined.findAnother':
    'È possibile trovare un altro partner nella directory dei partner: usare i filtri, quindi selezionare Contattami.',
  'email.leadDeclined.action': 'Trova un partner',

  // Webhook: l’avviso al partner che il suo webhook è stato disattivato
  'email.webhookDisabled.subject': '{partner}: il webhook è stato disattivato',
  'email.webhookDisabled.heading': 'Il webhook è stato disattivato',
  'email.webhookDisabled.introFailures':
    'Non inviamo più eventi al webhook: {failures, plural, one {l’ultimo tentativo di consegna non è riuscito} other {gli ultimi # tentativi di consegna consecutivi non sono riusciti}}.',
  'email.webhookDisabled.introGone':
    'Non inviamo più eventi al webhook: ha risposto 410 Gone, che indica che l’endpoint non esiste più.',
  'email.webhookDisabled.fact.url': 'URL del webhook',
  'email.webhookDisabled.fact.events': 'Eventi',
  'email.webhookDisabled.fact.lastAttempt': 'Ultimo tentativo',
  'email.webhookDisabled.fact.disabledAt': 'Disattivato il',
  'email.webhookDisabled.lastStatus': 'Stato HTTP {status}',
  'email.webhookDisabled.lastError': 'Nessuna risposta: {error}',
  'email.webhookDisabled.whatNow':
    'Gli eventi che si verificano mentre il webhook è disattivato non vengono inviati. Quando l’endpoint risponde di nuovo, salvare di nuovo il webhook (PUT /api/partner/webhook) per riattivarlo.',
  'email.webhookDisabled.footer':
    'Questo messaggio è stato inviato perché l’organizzazione ha configurato un webhook per gli eventi dei partner.',
};
