// What the page shows, as the URL says it: a view is shared by sending its link.
import { get } from './api.js';

const names = ['asOf', 'knownAt', 'reportedBy', 'channel', 'kind', 'from', 'to', 'text'];

export const state = Object.fromEntries(names.map(name => [name, '']));

export function readUrl() {
    const params = new URLSearchParams(location.search);
    for (const name of names) state[name] = params.get(name) ?? '';
}

/** Puts the state in the address bar: a new history entry when asked, so Back returns to the view before. */
export function writeUrl(newEntry) {
    const params = new URLSearchParams();
    for (const name of names) if (state[name]) params.set(name, state[name]);
    const url = params.size ? `?${params}` : location.pathname;
    if (url === location.search || (!params.size && !location.search)) return;
    history[newEntry ? 'pushState' : 'replaceState'](null, '', url);
}

/** The replay's three questions, as the API takes them. */
export const moment = () => ({ asOf: state.asOf, knownAt: state.knownAt, reportedBy: state.reportedBy });

/** The channels, kinds and statuses this server knows, written into the page by the server. */
export const catalog = JSON.parse(document.getElementById('catalog').textContent);

export const channelName = id => catalog.channels.find(c => c.id === id)?.name ?? id;

export const kindName = kind => kind.charAt(0).toUpperCase() + kind.slice(1).replaceAll('-', ' ');

/** The earliest day any development may have happened: where the replay slider begins. */
export async function firstDay() {
    const newest = await get('/api/developments', { limit: 1 });
    if (newest.total === 0) return null;
    const oldest = await get('/api/developments', { limit: 1, offset: newest.total - 1 });
    return oldest.items[0].occurredOn;
}
