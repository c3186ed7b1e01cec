// The development log: filtered and paged like the API, each entry with its sources, corrections and retraction,
// and, for analysts, the ways to add to it.
import { get, key } from './api.js';
import { h } from './dom.js';
import { describeInstant } from './dates.js';
import { developmentBrief } from './evidence.js';
import { state } from './state.js';

const PageSize = 20;
let shown = [];
let total = 0;

/** Reads the first page again (after a filter changes, or the log does). Throws the API's refusal. */
export async function reloadLog(actions) {
    const page = await get('/api/developments', { ...filters(), limit: Math.max(PageSize, shown.length) });
    shown = page.items;
    total = page.total;
    render(actions);
}

export async function showMore(actions) {
    const page = await get('/api/developments', { ...filters(), limit: PageSize, offset: shown.length });
    shown = shown.concat(page.items);
    total = page.total;
    render(actions);
}

export const filters = () => ({ channel: state.channel, kind: state.kind, from: state.from, to: state.to, text: state.text });

function render(actions) {
    document.getElementById('log-count').textContent = total === 0 ? 'No development matches.'
        : `Showing ${shown.length} of ${total.toLocaleString('en')} ${total === 1 ? 'development' : 'developments'}, latest first.`;
    document.getElementById('developments').replaceChildren(...shown.map(d => entry(d, actions)));
    document.getElementById('more').hidden = shown.length >= total;
}

function entry(development, actions) {
    const retracted = development.state === 'retracted';
    return h('li', { class: `entry${retracted ? ' retracted' : ''}`, id: `d-${development.id}`, 'data-id': development.id },
        developmentBrief(development, { heading: 'h3' }),
        h('p', { class: 'meta' }, `Recorded ${describeInstant(development.recordedAt)} · `,
            h('span', { class: 'state' }, development.state), ' · ', h('code', { class: 'id' }, development.id)),
        development.corrections.length ? h('ul', { class: 'amendments' }, development.corrections.map(c =>
            h('li', {}, `Corrected ${describeInstant(c.recordedAt)}: ${c.reason}`))) : null,
        development.retraction ? h('p', { class: 'retraction' },
            `Retracted ${describeInstant(development.retraction.recordedAt)}: ${development.retraction.reason}`) : null,
        key.get() && !retracted ? h('p', { class: 'entry-actions' },
            h('button', { type: 'button', onclick: () => actions.addSource(development) }, 'Add a source'),
            h('button', { type: 'button', onclick: () => actions.correct(development) }, 'Correct'),
            h('button', { type: 'button', onclick: () => actions.retract(development) }, 'Retract')) : null);
}
