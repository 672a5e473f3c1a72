import type { Template } from '../../shared/templates';
import { duty, text } from './builders';

/**
 * Key contacts a customer organisation names (seed 002). Every role asks for name, email and phone.
 *
 * Counts, straight from the seed:
 * - expert-user 1/1: "one or several" — at least one is needed; more are welcome but the seed recommends no number.
 * - contract-manager 1/2: one main contact for contract and invoices, two recommended for holiday cover.
 * - service-owner 1/2: two recommended, and they are the vendor's main contacts. The vendor offers a premium service
 *   when the customer has nobody for it.
 * - operations-technician 1/1, only for installed (on-premise) customers; premium service when missing as well.
 */
export const keyContactsTemplate: Template = {
  key: 'key-contacts',
  kind: 'key-contacts',
  builtIn: true,
  version: 1,
  name: text('Key contacts', 'Contacts clés'),
  description: text(
    'The people a customer organisation names so that the vendor knows who holds the knowledge in each area. Name, ' +
      'email and phone are asked for each of them.',
    'Les personnes qu’une organisation cliente désigne pour que le fournisseur sache qui détient le savoir dans chaque ' +
      'domaine. On demande pour chacune son nom, son adresse e-mail et son téléphone.',
  ),
  roles: [
    {
      key: 'expert-user',
      side: 'client',
      required: 1,
      recommended: 1,
      premiumServiceWhenMissing: false,
      contactDetails: true,
      name: text('Expert User', 'Utilisateur expert'),
      description: text(
        'Someone who works in the system regularly and knows it in depth. At least one is needed; more are welcome.',
        'Une personne qui utilise le système régulièrement et le connaît à fond. Il en faut au moins une ; davantage ' +
          'est bienvenu.',
      ),
      duties: [
        duty(
          'use-system-regularly',
          'Use the system in everyday work and keep a thorough knowledge of it.',
          'Utiliser le système dans le travail courant et en garder une connaissance approfondie.',
        ),
        duty(
          'share-system-knowledge',
          'Be the person the vendor can ask how the organisation uses the system.',
          'Être la personne à qui le fournisseur peut demander comment l’organisation se sert du système.',
        ),
      ],
    },
    {
      key: 'contract-manager',
      side: 'client',
      required: 1,
      recommended: 2,
      premiumServiceWhenMissing: false,
      contactDetails: true,
      name: text('Contract Manager', 'Gestionnaire de contrat'),
      description: text(
        'The vendor’s main contact for the contract and for invoices. Two are recommended, so that questions still get ' +
          'an answer while one of them is on holiday or otherwise away.',
        'L’interlocuteur principal du fournisseur pour le contrat et les factures. Deux sont recommandés, pour que les ' +
          'questions trouvent réponse quand l’un d’eux est en congé ou indisponible.',
      ),
      duties: [
        duty(
          'contract-contact',
          'Answer the vendor’s questions about the contract.',
          'Répondre aux questions du fournisseur sur le contrat.',
        ),
        duty(
          'invoice-contact',
          'Receive the invoices and deal with questions about them.',
          'Recevoir les factures et traiter les questions qui s’y rapportent.',
        ),
        duty(
          'arrange-cover',
          'Make sure a colleague can take over while away.',
          'Veiller à ce qu’un collègue puisse prendre le relais en cas d’absence.',
        ),
      ],
    },
    {
      key: 'service-owner',
      side: 'client',
      required: 1,
      recommended: 2,
      premiumServiceWhenMissing: true,
      contactDetails: true,
      name: text('Service Owner', 'Responsable du service'),
      description: text(
        'One of the vendor’s main contacts, in charge of the configuration of the organisation’s own system or account ' +
          'and of how it supports the business processes and workflows. Knows the system well enough to talk to the ' +
          'vendor’s support and to change the configuration when needed. Two are recommended. When the organisation ' +
          'lacks the knowledge or the people, the vendor can take this on as a premium service.',
        'L’un des principaux interlocuteurs du fournisseur, chargé de la configuration du système ou du compte de ' +
          'l’organisation et de la manière dont il soutient les processus et les flux de travail métier. Connaît assez ' +
          'le système pour échanger avec le support du fournisseur et modifier la configuration au besoin. Deux sont ' +
          'recommandés. Si l’organisation n’a ni les compétences ni les personnes, le fournisseur peut s’en charger dans ' +
          'le cadre d’un service premium.',
      ),
      duties: [
        duty(
          'own-configuration',
          'Be responsible for the configuration of the organisation’s system or account.',
          'Être responsable de la configuration du système ou du compte de l’organisation.',
        ),
        duty(
          'map-business-processes',
          'Know how the system supports the organisation’s business processes and workflows.',
          'Savoir comment le système sert les processus et les flux de travail métier de l’organisation.',
        ),
        duty(
          'talk-to-support',
          'Act as a main contact for the vendor’s support team.',
          'Être un interlocuteur principal de l’équipe de support du fournisseur.',
        ),
        duty(
          'change-configuration',
          'Change the system’s configuration when the need arises.',
          'Modifier la configuration du système lorsque c’est nécessaire.',
        ),
      ],
    },
    {
      key: 'operations-technician',
      side: 'client',
      required: 1,
      recommended: 1,
      condition: { deploymentTypes: ['installed'] },
      premiumServiceWhenMissing: true,
      contactDetails: true,
      name: text('Operations Technician', 'Technicien d’exploitation'),
      description: text(
        'Needed only where the organisation runs an installed (on-premise) copy on its own servers: the systems ' +
          'engineer who keeps it running, looks after servers, network, installations and upgrades, and knows the ' +
          'product well enough to check it after an upgrade. When the organisation has nobody for this, the vendor ' +
          'offers it as a premium service.',
        'Nécessaire seulement lorsque l’organisation exploite une version installée sur ses propres serveurs : ' +
          'l’ingénieur système qui la maintient en service, s’occupe des serveurs, du réseau, des installations et des ' +
          'mises à niveau, et connaît assez le produit pour le vérifier après une mise à niveau. Faute d’une telle ' +
          'personne, le fournisseur propose ce rôle en service premium.',
      ),
      duties: [
        duty(
          'keep-system-running',
          'Keep the system available and running smoothly.',
          'Garder le système disponible et en bon état de marche.',
        ),
        duty(
          'manage-servers-network',
          'Look after the servers and the network the system runs on.',
          'S’occuper des serveurs et du réseau sur lesquels tourne le système.',
        ),
        duty('install-upgrades', 'Carry out installations and upgrades.', 'Réaliser les installations et les mises à niveau.'),
        duty(
          'troubleshoot-infrastructure',
          'Look into and diagnose problems such as network faults, slowness or failed connections to the servers.',
          'Rechercher et analyser les incidents : pannes du réseau, lenteurs, connexions aux serveurs impossibles…',
        ),
        duty(
          'test-after-upgrade',
          'Check the basic functions after an upgrade so that the system keeps working well.',
          'Vérifier les fonctions de base après une mise à niveau pour que le système continue de bien fonctionner.',
        ),
        duty(
          'perform-maintenance',
          'Carry out the maintenance work the vendor prescribes for the system.',
          'Effectuer les travaux de maintenance que le fournisseur prescrit pour le système.',
        ),
      ],
    },
  ],
};
