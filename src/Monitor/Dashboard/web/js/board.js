// The status board: one card per channel, with the status in colour and words, since when, the evidence behind
// it, outreach in progress and how long since the last contact.
import { h } from './dom.js';
import { bound, daysBetween, describeDay, period } from './dates.js';
import { developmentBrief, statusBadge } from './evidence.js';
import { kindName } from './state.js';

const outreachKinds = new Set(['restoration-requested', 'contact-requested', 'contact-planned', 'restoration-agreed']);

/** Fills a channel's card (kept in place, so the page does not move when data arrives). */
export function renderCard(card, view, timeline) {
    const asOf = bound(view.asOf);
    card.replaceChildren(...[
        h('h3', {}, view.name),
        h('p', { class: 'now' }, statusBadge(view.status),
            view.since ? h('span', { class: 'since' }, ' since ', h('time', { datetime: view.since }, view.sinceText)) : ' — nothing recorded yet'),
        certainty(view),
        possibly(view),
        lastContact(timeline, asOf),
        outreach(timeline),
        view.cause ? h('section', { class: 'why' }, h('h4', {}, 'Why'), developmentBrief(view.cause)) : null,
        view.latest && view.latest.id !== view.cause?.id
            ? h('section', { class: 'latest' }, h('h4', {}, 'Latest development'), developmentBrief(view.latest)) : null,
    ].filter(Boolean));
    card.dataset.status = view.status;
    card.removeAttribute('aria-busy');
}

export function renderCardError(card, name, message) {
    card.replaceChildren(h('h3', {}, name), h('p', { class: 'error' }, message));
    card.removeAttribute('aria-busy');
}

/** A status set by a vague date is certain only from the end of what it could mean. */
function certainty(view) {
    if (!view.since || !view.certainSince) return null;
    const certain = bound(view.certainSince);
    if (period(view.since).start === certain) return null;
    return h('p', { class: 'note' }, `Certain by ${describeDay(certain)}.`);
}

function possibly(view) {
    if (!view.possibly) return null;
    const causes = view.possibly.causes;
    return h('p', { class: 'possibly' }, 'Possibly ', statusBadge(view.possibly.status), ` already: ${causes.length} `,
        causes.length === 1 ? 'development' : 'developments', ' may have happened by then but are not yet certain (',
        causes.map(c => c.occurredOnText).join('; '), ').');
}

function lastContact(timeline, asOf) {
    const contact = timeline.developments.filter(step => step.certain && step.development.kind === 'contact-held').at(-1);
    if (!contact) return h('p', { class: 'contact' }, 'No contact on record.');
    const days = daysBetween(bound(contact.development.certainBy), asOf);
    return h('p', { class: 'contact' }, 'Last contact ', h('time', { datetime: contact.development.occurredOn }, contact.development.occurredOnText),
        ': ', h('strong', {}, `${days.toLocaleString('en')} ${days === 1 ? 'day' : 'days'}`), ' before this date.');
}

/** Requests, agreements and plans made since the last contact: what is under way. */
function outreach(timeline) {
    const steps = timeline.developments;
    const lastContact = steps.findLastIndex(step => step.development.kind === 'contact-held');
    const open = steps.slice(lastContact + 1).filter(step => outreachKinds.has(step.development.kind));
    if (open.length === 0) return null;
    return h('section', { class: 'outreach' }, h('h4', {}, 'Outreach in progress'),
        h('ul', {}, open.map(step => h('li', {},
            h('time', { datetime: step.development.occurredOn }, step.development.occurredOnText), ' ',
            kindName(step.development.kind),
            step.development.plannedForText ? ` for ${step.development.plannedForText}` : '',
            step.overdue ? h('span', { class: 'overdue' }, ' overdue') : '',
            step.certain ? '' : h('span', { class: 'uncertain-tag' }, ' not yet certain')))));
}
