import type { Template } from '../../shared/templates';
import { duty, text } from './builders';

/**
 * Service engagement roles (seeds 000 in English, 001 in French): three client roles and three vendor roles, each with
 * its duties. The English article is the complete list; the French one leaves out some duties (the account manager's
 * methodology check, the service provider's first four), so every duty here is written in both languages from the
 * English list: one list of keys, no duty in one language only.
 *
 * Counts. The articles say a role may be one person or several depending on the engagement's size, and that one
 * person may hold several roles, so every role needs at least one holder (required 1). Above that:
 * - engagement-sponsor 1/1: the sponsor has the final say; a second sponsor would split that authority. A deputy is
 *   registered as the sponsor's backup, not as a second sponsor.
 * - engagement-lead 1/2: the lead is the client's point of contact for problems in the application and takes over its
 *   ongoing management; a second person keeps that contact open during holidays (the same reasoning as seed 002's
 *   two contract managers), and larger engagements have several resources anyway.
 * - technical-support-staff 1/1: small clients often have one IT person; their absence is caught by the backup and
 *   absence checks rather than by a higher recommendation.
 * - account-manager 1/1: one person holds the engagement's invoicing authority and the client relationship.
 * - service-provider 1/1 and service-coordinator 1/1: how many the vendor sends depends on the scope the account
 *   manager prescribes, which a template cannot know; an admin raises the counts on a copy for large engagements.
 */
export const serviceEngagementTemplate: Template = {
  key: 'service-engagement',
  kind: 'engagement',
  builtIn: true,
  version: 1,
  name: text('Service engagement', 'Engagement de service'),
  description: text(
    'Who the client and the vendor put forward for a service engagement, and what each of them is expected to do.',
    'Les personnes que le client et le fournisseur désignent pour un engagement de service, et ce que chacune doit faire.',
  ),
  roles: [
    {
      key: 'engagement-sponsor',
      side: 'client',
      required: 1,
      recommended: 1,
      premiumServiceWhenMissing: false,
      contactDetails: true,
      name: text('Engagement Sponsor', 'Promoteur de l’engagement'),
      description: text(
        'A senior person in the client organisation who answers for the success of the engagement as a whole: has ' +
          'company-wide authority to clear organisational obstacles, takes the final decision, and tells the managers ' +
          'and the steering committee when a change of corporate direction affects the engagement.',
        'Cadre supérieur de l’organisation cliente qui répond de la réussite de l’engagement dans son ensemble : il ' +
          'dispose d’une autorité à l’échelle de l’entreprise pour lever les obstacles internes, tranche en dernier ' +
          'ressort et prévient les gestionnaires et le comité de pilotage quand un changement d’orientation de ' +
          'l’entreprise touche l’engagement.',
      ),
      duties: [
        duty('book-demonstration', 'Arrange a product demonstration.', 'Organiser une démonstration du produit.'),
        duty(
          'own-engagement',
          'Keep final ownership of the engagement from start to finish.',
          'Rester, du début à la fin, le propriétaire ultime de l’engagement.',
        ),
        duty(
          'keep-milestone-schedule',
          'Set up the milestone schedule, keep it current and make sure every task has an owner.',
          'Fixer le calendrier des jalons, le garder à jour et veiller à ce que chaque tâche ait un responsable.',
        ),
        duty(
          'keep-engagement-files',
          'Keep the engagement file consistent: contract, engagement plan, memos, status reports, billing, issue log ' +
            'and any other relevant document.',
          'Tenir un dossier d’engagement cohérent : contrat, plan d’engagement, notes, rapports d’avancement, ' +
            'facturation, journal des problèmes et tout autre document utile.',
        ),
        duty(
          'set-strategic-course',
          'Decide the strategic direction the engagement follows.',
          'Décider de l’orientation stratégique suivie par l’engagement.',
        ),
        duty(
          'lead-change-effort',
          'Drive the organisational change the engagement brings.',
          'Piloter le changement que l’engagement apporte dans l’organisation.',
        ),
        duty(
          'set-clear-deliverables',
          'Make sure the engagement’s deliverables are defined without ambiguity.',
          'S’assurer que les livrables de l’engagement sont définis sans ambiguïté.',
        ),
        duty(
          'approve-changes',
          'Approve or reject every change to the services, the schedule or the budget.',
          'Accepter ou refuser toute modification des services, du calendrier ou du budget.',
        ),
        duty(
          'resolve-constraints',
          'Settle problems caused by scarce resources, schedule pressure or changes of scope.',
          'Régler les difficultés dues au manque de ressources, aux contraintes de calendrier ou aux changements de ' +
            'périmètre.',
        ),
        duty(
          'liaise-with-executives',
          'Be the link between the client’s executive management and the vendor.',
          'Faire le lien entre la direction générale du client et le fournisseur.',
        ),
      ],
    },
    {
      key: 'engagement-lead',
      side: 'client',
      required: 1,
      recommended: 2,
      premiumServiceWhenMissing: false,
      contactDetails: true,
      name: text('Engagement Lead / Resource', 'Responsable / ressource de l’engagement'),
      description: text(
        'The client’s operational experts on its business processes. They may take operational decisions and suggest ' +
          'better processes, work alongside the vendor’s service team to learn the application, and grow into its ' +
          'application and data experts, bringing both industry and technical knowledge.',
        'Les experts opérationnels du client pour ses processus métier. Ils peuvent prendre des décisions ' +
          'opérationnelles et proposer de meilleurs processus, travaillent aux côtés de l’équipe de service du ' +
          'fournisseur pour apprendre l’application et en deviennent les experts (application et données), avec un ' +
          'savoir à la fois sectoriel et technique.',
      ),
      duties: [
        duty('attend-training', 'Take an active part in the application training.', 'Suivre activement la formation à l’application.'),
        duty(
          'set-up-application-data',
          'Set up the application and its library data together with the vendor’s service team.',
          'Mettre en place l’application et les données de bibliothèque avec l’équipe de service du fournisseur.',
        ),
        duty(
          'prepare-and-run-tests',
          'Write test plans and test scripts, then run the tests.',
          'Rédiger les plans et les scripts de test, puis exécuter les tests.',
        ),
        duty(
          'be-issue-contact',
          'Be the contact person for problems in their area of the application.',
          'Être l’interlocuteur pour les problèmes touchant leur partie de l’application.',
        ),
        duty(
          'maintain-procedures',
          'Write the procedures that are needed and keep them up to date.',
          'Rédiger les procédures nécessaires et les garder à jour.',
        ),
        duty(
          'train-end-users',
          'Prepare training material and train end users where needed.',
          'Concevoir des supports de formation et assurer, au besoin, la formation des utilisateurs finaux.',
        ),
        duty(
          'troubleshoot-application',
          'Diagnose and fix problems in the application and data areas they look after.',
          'Diagnostiquer et corriger les problèmes dans les parties de l’application et des données dont ils s’occupent.',
        ),
        duty(
          'update-test-scripts',
          'Keep the test scripts current as things change.',
          'Mettre les scripts de test à jour au fil des changements.',
        ),
        duty(
          'manage-application-ongoing',
          'Take charge of managing the application and its data over time.',
          'Prendre en charge la gestion durable de l’application et de ses données.',
        ),
      ],
    },
    {
      key: 'technical-support-staff',
      side: 'client',
      required: 1,
      recommended: 1,
      premiumServiceWhenMissing: false,
      contactDetails: true,
      name: text('Technical Support Staff', 'Personnel de soutien technique'),
      description: text(
        'The client’s IT people, familiar with the machines, operating system and database in use today. They keep ' +
          'data and application sound throughout the engagement and beyond, coordinate third-party suppliers such as ' +
          'machine dealers or outside IT, help bring the new system into production, keep it running (updates, test ' +
          'procedures, troubleshooting for end users) and look after data backups.',
        'L’équipe informatique du client, qui connaît bien les postes et serveurs, le système d’exploitation ainsi ' +
          'que la base de données en service. Elle veille à ce que données et application restent intègres tout au ' +
          'long de l’engagement et au-delà, coordonne les fournisseurs tiers (revendeur de machines, informatique ' +
          'externe…), aide à mettre le nouveau système en production, l’entretient (mises à jour, procédures de test, ' +
          'dépannage des utilisateurs) et s’occupe des sauvegardes de données.',
      ),
      duties: [
        duty(
          'solve-hardware-issues',
          'Find technical fixes for hardware problems.',
          'Résoudre techniquement les pannes et défaillances du matériel.',
        ),
        duty(
          'configure-environments',
          'Configure the test environment and the production environment.',
          'Configurer l’environnement de test et celui de production.',
        ),
        duty(
          'join-initial-installation',
          'Take part in the first installation of the software.',
          'Prendre part à la première installation du logiciel.',
        ),
        duty(
          'maintain-printer-connections',
          'Set up printer connections and keep them working.',
          'Mettre en place les connexions aux imprimantes et les maintenir en état de marche.',
        ),
        duty(
          'maintain-security-tables',
          'Set up the security tables and keep them current.',
          'Mettre en place les tables de sécurité et les tenir à jour.',
        ),
        duty(
          'maintain-databases-test-data',
          'Look after and fill the databases, and supply data for testing and training.',
          'Tenir les bases de données en état et les remplir, et préparer des jeux de données pour les essais et la formation.',
        ),
        duty(
          'keep-backups',
          'Define backup procedures and keep the backups up to date.',
          'Définir les procédures de sauvegarde et tenir les sauvegardes à jour.',
        ),
        duty(
          'lead-third-parties',
          'Take the lead whenever third parties are involved.',
          'Piloter en premier lieu l’intervention des tiers.',
        ),
      ],
    },
    {
      key: 'account-manager',
      side: 'vendor',
      required: 1,
      recommended: 1,
      premiumServiceWhenMissing: false,
      contactDetails: true,
      name: text('Account Manager', 'Gestionnaire de compte'),
      description: text(
        'The vendor’s leader for the engagement, who prescribes the services the client needs to succeed and works with ' +
          'the client’s sponsor and functional leads to pass the timeline and expectations on to the vendor’s service ' +
          'team.',
        'Le responsable de l’engagement chez le fournisseur : il détermine les services dont le client a besoin pour ' +
          'réussir et travaille avec le promoteur et les responsables fonctionnels du client pour transmettre ' +
          'échéances et attentes à l’équipe de service du fournisseur.',
      ),
      duties: [
        duty(
          'partner-with-client',
          'Work hand in hand with the client to steer the service team’s work to success.',
          'Travailler main dans la main avec le client pour mener à bien l’intervention de l’équipe de service.',
        ),
        duty(
          'prescribe-methodology',
          'Choose the methodology and adapt it so that it best serves the client’s vision, goals and timeline within ' +
            'the agreed scope.',
          'Choisir la méthode et l’ajuster pour servir au mieux la vision, les objectifs et le calendrier du client dans ' +
            'le périmètre convenu.',
        ),
        duty(
          'own-invoicing-and-budget',
          'Hold the engagement’s authority over invoicing and report on its budget.',
          'Détenir l’autorité de l’engagement sur la facturation et rendre compte de son budget.',
        ),
        duty(
          'coordinate-sponsor-communication',
          'Coordinate communication with the client’s sponsor and other stakeholders.',
          'Coordonner les échanges avec le promoteur et les autres parties prenantes du client.',
        ),
        duty(
          'set-realistic-expectations',
          'Make sure the client’s expectations of the engagement are realistic.',
          'Veiller à ce que les attentes du client envers l’engagement restent réalistes.',
        ),
        duty(
          'provide-timely-decisions',
          'Give the information, decisions and approvals asked for without delay.',
          'Donner sans tarder les informations, décisions et approbations demandées.',
        ),
        duty(
          'monitor-methodology',
          'Check that the methodology keeps serving the client’s vision, goals, budget and timeline within the agreed ' +
            'scope.',
          'Contrôler que la méthode continue de servir la vision, les objectifs, le budget et le calendrier du client ' +
            'dans le périmètre convenu.',
        ),
        duty(
          'own-client-satisfaction',
          'Answer for the client’s satisfaction and the whole relationship, during the engagement and after it.',
          'Être garant du contentement du client et de toute la relation, durant l’engagement comme après.',
        ),
      ],
    },
    {
      key: 'service-provider',
      side: 'vendor',
      required: 1,
      recommended: 1,
      premiumServiceWhenMissing: false,
      contactDetails: true,
      name: text('Service Provider', 'Prestataire de services'),
      description: text(
        'Vendor specialists who know the software and its data in depth, advise the client and run working sessions; ' +
          'they help the client’s team members with the work below.',
        'Spécialistes du fournisseur qui apportent leur expertise, leurs conseils et leur talent d’animation sur le ' +
          'logiciel et ses données, et qui aident l’équipe du client dans les tâches ci-dessous.',
      ),
      duties: [
        duty(
          'coordinate-service-activities',
          'Coordinate the service activities and the communication around them.',
          'Organiser les interventions de service et les échanges qui s’y rattachent.',
        ),
        duty(
          'communicate-task-timelines',
          'Keep the service task timelines current and share them.',
          'Tenir à jour les échéanciers des tâches de service et les diffuser.',
        ),
        duty(
          'maintain-planning-boards',
          'Keep the project planning boards and the task time sheets up to date.',
          'Tenir à jour les tableaux de planification du projet et les feuilles de temps des tâches.',
        ),
        duty(
          'escalate-risks',
          'Report the risks, issues and departures from the methodology they notice to the account manager, or to the ' +
            'head of sales when needed.',
          'Alerter le gestionnaire de compte (ou, s’il le faut, le directeur des ventes) des risques, problèmes et ' +
            'écarts de méthode constatés.',
        ),
        duty('identify-processes', 'Map the client’s current processes.', 'Recenser les processus actuels du client.'),
        duty(
          'assess-process-gaps',
          'Assess where the current processes and the application’s processes differ or conflict, and report it to the ' +
            'service coordinator.',
          'Évaluer en quoi les processus actuels et ceux de l’application divergent ou se contredisent, et en informer ' +
            'le coordonnateur de services.',
        ),
        duty(
          'clarify-capabilities',
          'Explain what the application offers for the library, reporting, connecting machines and the workflow.',
          'Expliquer ce que permet l’application : bibliothèque, rapports, connexions aux machines et flux de travail.',
        ),
        duty(
          'install-software-and-data',
          'Install the software and data together with the client.',
          'Mettre en place le logiciel et ses données en compagnie du client.',
        ),
        duty(
          'train-on-application',
          'Train the client on the application and on the library data and configurations.',
          'Former le client à l’application ainsi qu’aux données et configurations de la bibliothèque.',
        ),
        duty(
          'scope-machine-connections-reports',
          'Offer services that scope or set up reports and connections to CNC machines.',
          'Fournir des prestations pour cadrer ou configurer les connexions aux machines CNC ou les rapports.',
        ),
        duty(
          'scope-software-data-solutions',
          'Provide services to scope or build software or data solutions.',
          'Proposer des prestations qui cadrent ou réalisent des solutions sur mesure, logicielles ou portant sur les données.',
        ),
        duty('train-on-backups', 'Show the client how to back up their data.', 'Apprendre au client à sauvegarder ses données.'),
        duty('review-tests', 'Review test plans and test results.', 'Relire les plans de test et analyser leurs résultats.'),
        duty(
          'define-best-practices',
          'Help the client settle on good working practices and standard procedures.',
          'Aider le client à définir ses bonnes pratiques et ses procédures d’exploitation standard.',
        ),
      ],
    },
    {
      key: 'service-coordinator',
      side: 'vendor',
      required: 1,
      recommended: 1,
      premiumServiceWhenMissing: false,
      contactDetails: true,
      name: text('Service Coordinator', 'Coordonnateur de services'),
      description: text(
        'Vendor staff who coordinate the services so that the requested timelines are met, and help the client’s team ' +
          'members with the work below.',
        'Membres du fournisseur qui coordonnent les prestations pour tenir les délais demandés, et qui aident l’équipe ' +
          'du client dans les tâches ci-dessous.',
      ),
      duties: [
        duty(
          'coordinate-service-activities',
          'Coordinate the service activities and the communication around them.',
          'Organiser les interventions de service et les échanges qui s’y rattachent.',
        ),
        duty(
          'allocate-resources',
          'Hold the engagement’s authority to assign and coordinate the vendor’s resources.',
          'Détenir l’autorité de l’engagement pour affecter et coordonner les ressources du fournisseur.',
        ),
        duty(
          'communicate-task-timelines',
          'Keep the service task timelines current and share them.',
          'Tenir à jour les échéanciers des tâches de service et les diffuser.',
        ),
        duty(
          'set-up-planning-boards',
          'Set up the engagement’s planning boards and task accounting, and keep an eye on them.',
          'Mettre en place les tableaux de planification et la comptabilité des tâches de l’engagement, et en assurer ' +
            'le suivi.',
        ),
        duty(
          'monitor-methodology',
          'Check that the methodology keeps serving the client’s vision, goals, budget and timeline within the agreed ' +
            'scope.',
          'Contrôler que la méthode continue de servir la vision, les objectifs, le budget et le calendrier du client ' +
            'dans le périmètre convenu.',
        ),
        duty(
          'escalate-risks',
          'Report the risks, issues and departures from the methodology they notice to the account manager, or to the ' +
            'head of sales when needed.',
          'Alerter le gestionnaire de compte (ou, s’il le faut, le directeur des ventes) des risques, problèmes et ' +
            'écarts de méthode constatés.',
        ),
      ],
    },
  ],
};
