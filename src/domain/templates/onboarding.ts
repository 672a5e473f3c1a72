import type { Template } from '../../shared/templates';
import { duty, text } from './builders';

/**
 * The vendor's side of a customer onboarding project (seed 003), for orders where the delivery teams and the customer
 * must agree on what is delivered, when, and at what cost.
 *
 * Counts:
 * - account-manager 1/1, leads: one (key) account manager owns the non-technical onboarding and stays in the lead.
 * - inside-sales 0/1: the seed says the general onboarding is "usually" done by Inside Sales, so someone else in Sales
 *   & Account Management may do it; an empty role is a recommendation missed, not a gap.
 * - solution-architect 1/1: the architect who designed the order; the account manager depends on them for the
 *   technical part.
 * - product-owner 1/1: one per contributing team. How many teams contribute is decided per sale, which a template
 *   cannot know; at least one team delivers, and an admin raises the counts on a copy for multi-team offerings.
 * - technical-project-manager 1/1, only on AppOps and AppFlow projects, where they take the technical lead (so they
 *   are marked as leading too: the descriptions say which lead is which).
 */
export const onboardingTemplate: Template = {
  key: 'onboarding',
  kind: 'onboarding',
  builtIn: true,
  version: 1,
  name: text('Onboarding project', 'Projet d’intégration client'),
  description: text(
    'Who keeps the vendor’s delivery teams and a new customer agreed on what is delivered, what is expected, when, and ' +
      'at what cost, when an order needs an onboarding project.',
    'Qui coordonne livrables, attentes, calendrier et budget entre les équipes de réalisation du fournisseur et un ' +
      'nouveau client lorsqu’une commande exige un projet d’intégration.',
  ),
  roles: [
    {
      key: 'account-manager',
      side: 'vendor',
      required: 1,
      recommended: 1,
      leads: true,
      premiumServiceWhenMissing: false,
      contactDetails: true,
      name: text('Account Manager', 'Gestionnaire de compte'),
      description: text(
        'The (key) account manager that Account Management names. Leads the non-technical side of the onboarding and ' +
          'coordinates all of it, relying on the solution architect and the teams’ engineers for the technical work ' +
          'while keeping the lead.',
        'Le gestionnaire de compte (clé) désigné par la gestion des comptes. Dirige la partie non technique de ' +
          'l’intégration et en coordonne l’ensemble ; il s’appuie sur l’architecte de solution et les ingénieurs des ' +
          'équipes pour le travail technique, tout en gardant la direction.',
      ),
      duties: [
        duty(
          'host-kick-off',
          'Set up and chair the kick-off meeting, inviting the customer and the engineers who are needed.',
          'Organiser et animer une réunion de lancement avec le client et les ingénieurs nécessaires.',
        ),
        duty(
          'define-work',
          'Define the work needed in the delivery teams with the solution architect and the product owners involved.',
          'Définir le travail nécessaire dans les équipes de réalisation avec l’architecte de solution et les ' +
            'responsables produit concernés.',
        ),
        duty(
          'keep-everyone-updated',
          'Keep the customer and the teams involved informed.',
          'Tenir informés le client et les équipes concernées.',
        ),
        duty(
          'join-planning-and-reviews',
          'Join the teams’ planning and sprint reviews, in person or through the product owner, to check that the work ' +
            'moves the project forward, bring in feedback and update the customer.',
          'Participer, directement ou par l’intermédiaire du responsable produit, aux planifications et aux revues de ' +
            'sprint des équipes pour vérifier que le travail fait avancer le projet, apporter les retours utiles et ' +
            'informer le client.',
        ),
        duty(
          'control-budget',
          'Keep the budget under control against the sales order and the recurring services.',
          'Maîtriser le budget par rapport à la commande et aux services récurrents.',
        ),
        duty(
          'check-recurring-billing',
          'Make sure the recurring managed-service billing works correctly.',
          'S’assurer que la facturation récurrente des services managés fonctionne correctement.',
        ),
        duty(
          'run-retrospective',
          'For a larger onboarding, start a retrospective with everyone involved to improve the way onboardings are run.',
          'Pour une intégration d’envergure, lancer une rétrospective avec toutes les parties afin d’améliorer la ' +
            'conduite des intégrations.',
        ),
      ],
    },
    {
      key: 'inside-sales',
      side: 'vendor',
      required: 0,
      recommended: 1,
      premiumServiceWhenMissing: false,
      contactDetails: true,
      name: text('Inside Sales', 'Ventes internes'),
      description: text(
        'Usually the person in Sales & Account Management who carries out the general, non-technical onboarding of the ' +
          'customer.',
        'En général la personne des ventes et de la gestion des comptes qui mène l’intégration générale et non ' +
          'technique du client.',
      ),
      duties: [
        duty(
          'general-onboarding',
          'Carry out the customer’s general, non-technical onboarding.',
          'Mener l’intégration générale et non technique du client.',
        ),
      ],
    },
    {
      key: 'solution-architect',
      side: 'vendor',
      required: 1,
      recommended: 1,
      premiumServiceWhenMissing: false,
      contactDetails: true,
      name: text('Solution Architect', 'Architecte de solution'),
      description: text(
        'The engineer behind the design of the customer’s order. Does the technical part the account manager cannot, ' +
          'without taking over the lead.',
        'L’ingénieur qui a conçu ce que le client a commandé. Prend en charge la partie technique que le gestionnaire ' +
          'de compte ne peut pas assurer, sans lui reprendre la direction.',
      ),
      duties: [
        duty(
          'define-work-packages',
          'Break the ordered solution down into work packages and tickets with the account manager and the product ' +
            'owners.',
          'Découper la solution commandée en lots de travail et en tickets avec le gestionnaire de compte et les ' +
            'responsables produit.',
        ),
        duty(
          'technical-communication',
          'Handle the more technical exchanges with the customer.',
          'Assurer les échanges plus techniques avec le client.',
        ),
        duty(
          'explain-design',
          'Explain the design that was sold to the teams who will build it.',
          'Expliquer aux équipes qui la réaliseront la conception qui a été vendue.',
        ),
      ],
    },
    {
      key: 'product-owner',
      side: 'vendor',
      required: 1,
      recommended: 1,
      premiumServiceWhenMissing: false,
      contactDetails: true,
      name: text('Product Owner', 'Responsable produit (Product Owner)'),
      description: text(
        'The product owner of each delivery team that contributes to the onboarding: one per team.',
        'Le responsable produit de chaque équipe de réalisation qui contribue à l’intégration : un par équipe.',
      ),
      duties: [
        duty(
          'plan-team-work',
          'Plan the work the team must deliver for the onboarding.',
          'Planifier le travail que l’équipe doit livrer pour l’intégration.',
        ),
        duty(
          'define-work-packages',
          'Help define the work packages and tickets with the account manager and the solution architect.',
          'Aider à définir les lots de travail et les tickets avec le gestionnaire de compte et l’architecte de solution.',
        ),
        duty(
          'relay-review-outcomes',
          'Tell the account manager what came out of the planning and sprint reviews they did not attend.',
          'Rapporter au gestionnaire de compte ce qui ressort des planifications et des revues de sprint auxquelles il ' +
            'n’a pas assisté.',
        ),
      ],
    },
    {
      key: 'technical-project-manager',
      side: 'vendor',
      required: 1,
      recommended: 1,
      leads: true,
      condition: { projectKinds: ['appops', 'appflow'] },
      premiumServiceWhenMissing: false,
      contactDetails: true,
      name: text('Technical Project Manager', 'Chef de projet technique'),
      description: text(
        'On managed-application projects (AppOps and AppFlow), takes the technical lead and works in step with the ' +
          'account manager, who keeps the overall lead. Also acts as product owner of the team that runs the managed ' +
          'applications.',
        'Sur les projets d’applications managées (AppOps et AppFlow), prend la direction technique et travaille de ' +
          'concert avec le gestionnaire de compte, qui garde la direction d’ensemble. Fait aussi office de responsable ' +
          'produit de l’équipe qui exploite les applications managées.',
      ),
      duties: [
        duty('lead-technically', 'Take the technical lead of the project.', 'Assurer la direction technique du projet.'),
        duty(
          'coordinate-with-account-manager',
          'Coordinate the technical work with the account manager.',
          'Coordonner le travail technique avec le gestionnaire de compte.',
        ),
        duty(
          'act-as-product-owner',
          'Act as the product owner of the managed-applications team.',
          'Tenir le rôle de responsable produit de l’équipe des applications managées.',
        ),
      ],
    },
  ],
};
