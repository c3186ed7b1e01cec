// The dashboard: the board, the timelines and the log for one replayed moment, kept in the URL and kept live.
import { Refusal, get, headers, key, query } from './api.js';
import { renderCard, renderCardError } from './board.js';
import { Day, bound, describeDay, describeInstant, isDay, isoDay, today } from './dates.js';
import { h } from './dom.js';
import { forms } from './forms.js';
import { follow } from './live.js';
import { filters, reloadLog, showMore } from './log.js';
import { catalog, channelName, firstDay, kindName, moment, readUrl, state, writeUrl } from './state.js';
import { renderTimeline } from './timeline.js';

const $ = id => document.getElementById(id);
const actions = {
    addSource: development => forms.addSource(development).then(written => written && refresh()),
    correct: development => forms.correct(development).then(written => written && refresh()),
    retract: development => forms.retract(development).then(written => written && refresh()),
};
let sliderStart = today() - 365 * Day;
let drawn = new Map(); // channel id → its timeline, to redraw when the page is resized
let inFlight = null;
let pending = null;

async function start() {
    readUrl();
    fillChoices();
    showState();
    wireReplay();
    wireLog();
    wireKey();
    const first = await firstDay().catch(() => null);
    if (first) sliderStart = bound(first.split('/')[0] === '..' ? first.split('/')[1] : first.split('/')[0]);
    showState();
    await refresh();
    follow('/api/developments/stream', type => { if (type === 'changed') soon(); }, showLive);
    follow('/api/alerts/stream', (type, alert) => { if (type === 'alert') announce(alert); }, () => {});
    window.addEventListener('popstate', () => { readUrl(); showState(); refresh(); });
    new ResizeObserver(() => redraw()).observe($('timeline-list'));
}

/** Reads everything shown for the current moment; a newer call cancels an older one still running. */
async function refresh() {
    inFlight?.abort();
    const controller = inFlight = new AbortController();
    const at = moment();
    try {
        const [views, timelines] = await Promise.all([
            get('/api/channels', at, controller.signal),
            Promise.all(catalog.channels.map(c => get(`/api/channels/${encodeURIComponent(c.id)}/timeline`, at, controller.signal))),
        ]);
        drawn = new Map(timelines.map(t => [t.channel, t]));
        for (const view of views) {
            const card = $(`card-${view.id}`);
            if (card) renderCard(card, view, drawn.get(view.id));
        }
        redraw();
        $('as-of-said').textContent = said(views[0]?.asOf);
    } catch (error) {
        if (error.name === 'AbortError') return;
        showProblem(error);
    }
    await reloadLog(actions).catch(showFilterProblem);
}

/** Many changes at once (a burst of records, dragging the slider) cost one refresh. */
function soon() {
    clearTimeout(pending);
    pending = setTimeout(refresh, 120);
}

function redraw() {
    const end = state.asOf && isDay(state.asOf) ? bound(state.asOf) : today();
    for (const [channel, timeline] of drawn) {
        const element = $(`timeline-${channel}`);
        if (element) renderTimeline(element, timeline, Math.min(sliderStart, end - 30 * Day), end);
    }
}

function said(asOf) {
    const day = asOf ? describeDay(bound(asOf)) : 'today';
    return `Status on ${day}` + (state.knownAt ? `, as the monitor knew it at ${describeInstant(state.knownAt)}` : '')
        + (state.reportedBy && isDay(state.reportedBy) ? `, as reported by ${describeDay(bound(state.reportedBy))}` : '') + '.';
}

function showProblem(error) {
    const message = error instanceof Refusal
        ? Object.entries(error.problem.errors ?? {}).map(([field, m]) => `${field}: ${m.join(' ')}`).join(' ') || error.message
        : String(error);
    for (const channel of catalog.channels) renderCardError($(`card-${channel.id}`), channel.name, message);
    $('as-of-said').textContent = message;
}

// The replay: slider and date move together; the moment goes in the URL.
function wireReplay() {
    const slider = $('as-of-slider');
    slider.addEventListener('input', () => {
        state.asOf = isoDay(sliderStart + Number(slider.value) * Day);
        $('as-of').value = state.asOf;
        writeUrl(false);
        soon();
    });
    slider.addEventListener('change', () => writeUrl(true));
    $('as-of').addEventListener('change', event => {
        state.asOf = event.target.value;
        showState();
        writeUrl(true);
        refresh();
    });
    $('known-at').addEventListener('change', event => {
        state.knownAt = event.target.value ? new Date(event.target.value).toISOString().replace('.000Z', 'Z') : '';
        writeUrl(true);
        refresh();
    });
    $('reported-by').addEventListener('change', event => {
        state.reportedBy = event.target.value;
        writeUrl(true);
        refresh();
    });
    $('today').addEventListener('click', () => {
        Object.assign(state, { asOf: '', knownAt: '', reportedBy: '' });
        showState();
        writeUrl(true);
        refresh();
    });
    $('replay').addEventListener('submit', event => event.preventDefault());
}

/** Puts the state into the controls (at start, and when Back or Forward changes the URL). */
function showState() {
    const slider = $('as-of-slider');
    const last = today();
    slider.max = String(Math.round((last - sliderStart) / Day));
    const day = state.asOf && isDay(state.asOf) ? bound(state.asOf) : last;
    slider.value = String(Math.round((day - sliderStart) / Day));
    slider.setAttribute('aria-valuetext', describeDay(day));
    $('as-of').value = state.asOf;
    $('as-of').max = isoDay(last);
    $('known-at').value = state.knownAt ? localInput(new Date(state.knownAt)) : '';
    $('reported-by').value = state.reportedBy;
    for (const name of ['channel', 'kind', 'from', 'to', 'text']) $(`f-${name}`).value = state[name];
}

const localInput = date => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);

function fillChoices() {
    $('f-channel').append(...catalog.channels.map(c => h('option', { value: c.id }, c.name)));
    $('f-kind').append(...catalog.kinds.map(k => h('option', { value: k }, kindName(k))));
}

function wireLog() {
    $('filters').addEventListener('submit', event => {
        event.preventDefault();
        for (const name of ['channel', 'kind', 'from', 'to', 'text']) state[name] = $(`f-${name}`).value.trim();
        writeUrl(true);
        $('filter-errors').replaceChildren();
        reloadLog(actions).catch(showFilterProblem);
    });
    $('more').addEventListener('click', () => showMore(actions).catch(showFilterProblem));
    $('record-button').addEventListener('click', () => forms.record().then(written => written && refresh()));
    $('csv').addEventListener('click', downloadCsv);
}

function showFilterProblem(error) {
    const errors = error instanceof Refusal && error.problem.errors
        ? Object.entries(error.problem.errors).map(([field, m]) => `${field}: ${m.join(' ')}`) : [error.message];
    $('filter-errors').replaceChildren(...errors.map(text => h('li', {}, text)));
}

/** Every development the filters match, as CSV (fetched, so the key goes with it when reads need one). */
async function downloadCsv() {
    const response = await fetch('/api/developments/export' + query({ ...filters(), format: 'csv' }), { headers: headers() });
    if (!response.ok) return showFilterProblem(new Error(`The server answered ${response.status}.`));
    const link = h('a', { href: URL.createObjectURL(await response.blob()), download: 'developments.csv' });
    link.click();
    URL.revokeObjectURL(link.href);
}

function wireKey() {
    const dialog = $('key-dialog');
    const showRole = () => {
        const analyst = Boolean(key.get());
        document.querySelectorAll('.analyst-only').forEach(element => { element.hidden = !analyst; });
        $('key-button').textContent = analyst ? 'Analyst key ✓' : 'Analyst key';
    };
    $('key-button').addEventListener('click', () => {
        $('key-input').value = key.get();
        dialog.showModal();
    });
    dialog.addEventListener('close', () => {
        if (dialog.returnValue === 'save') key.set($('key-input').value.trim());
        if (dialog.returnValue === 'forget') key.set('');
        showRole();
        reloadLog(actions).catch(showFilterProblem);
    });
    showRole();
}

function showLive(state) {
    const live = $('live');
    live.dataset.state = state;
    live.textContent = state === 'live' ? 'Live: updates as developments are recorded' : 'Reconnecting…';
}

/** An alert as it is raised, in words, for a while. */
function announce(alert) {
    const text = alert.kind === 'status-changed'
        ? `${channelName(alert.channel)}: ${alert.from} → ${alert.to}${alert.retroactive ? ' (retroactive)' : ''}`
        : `${kindName(alert.kind)}${alert.channel ? `: ${channelName(alert.channel)}` : ''}`;
    const toast = h('p', { class: 'toast' }, text);
    $('toasts').append(toast);
    setTimeout(() => toast.remove(), 10_000);
}

start();
