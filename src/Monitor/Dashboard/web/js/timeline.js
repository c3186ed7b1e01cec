// A channel's timeline: status intervals from its first development to the replayed day, spans not yet certain
// hatched, context as background, and developments as marks that show their evidence on focus or hover.
// Marks closer than a few pixels share one mark, so thousands of developments stay legible and quick.
import { h, svg } from './dom.js';
import { Day, bound, describeDay, period } from './dates.js';
import { channelName, kindName } from './state.js';
import { statusBadge } from './evidence.js';

const Lane = { top: 6, height: 26, marks: 46, axis: 66, total: 74 };
const MarkGap = 8;
const PopoverLimit = 6;
const ShownIntervals = 3;

/** Draws the timeline of one channel between two days (UTC milliseconds) into its element. */
export function renderTimeline(element, timeline, from, to) {
    const track = element.querySelector('.track');
    const width = Math.max(track.clientWidth, 280);
    const span = Math.max(to - from, Day);
    const x = ms => Math.min(width, Math.max(0, ((ms - from) / span) * width));
    const steps = timeline.developments.filter(step => (period(step.development.occurredOn).start ?? from) <= to);

    const chart = svg('svg', { width, height: Lane.total, viewBox: `0 0 ${width} ${Lane.total}`, role: 'img',
            'aria-label': `Timeline of ${channelName(timeline.channel)}, described below.` },
        patterns(),
        svg('rect', { class: 'fill-unknown', x: 0, y: Lane.top, width, height: Lane.height }),
        contextBands(steps, x, from, to),
        intervals(timeline.intervals, x, from, to),
        axis(from, to, x, width),
        marks(steps, x, from, to, timeline.channel));
    // A refresh (the log moved, the page was resized) must neither take the keyboard's place away nor reopen
    // evidence the reader closed.
    const focused = track.contains(document.activeElement) ? document.activeElement.getAttribute('data-key') : null;
    const open = !document.getElementById('popover').hidden;
    track.replaceChildren(chart);
    if (focused) chart.querySelector(`.mark[data-key="${CSS.escape(focused)}"]`)?.focus();
    if (focused && !open) hidePopover();
    element.querySelector('.intervals').replaceChildren(...describeIntervals(timeline.intervals));
    element.removeAttribute('aria-busy');
}

function patterns() {
    return svg('defs', {}, ['active', 'strained', 'pending', 'suspended', 'unknown'].map(status =>
        svg('pattern', { id: `hatch-${status}`, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
            svg('rect', { class: `fill-${status}`, width: 3, height: 6 }))));
}

function intervals(list, x, from, to) {
    return list.flatMap((interval, i) => {
        const next = list[i + 1];
        const certain = bound(interval.certainFrom);
        const possible = interval.possiblyFrom ? bound(interval.possiblyFrom) : from;
        const end = next ? bound(next.certainFrom) : to;
        const title = `${interval.status} from ${interval.fromText}${interval.untilText ? ` until ${interval.untilText}` : ''}`;
        const solid = svg('rect', { class: `fill-${interval.status}`, x: x(certain), y: Lane.top,
            width: Math.max(x(end) - x(certain), 1), height: Lane.height }, svg('title', {}, title));
        if (possible >= certain) return [solid];
        return [solid, svg('rect', { class: 'uncertain', fill: `url(#hatch-${interval.status})`, x: x(possible), y: Lane.top,
            width: Math.max(x(certain) - x(possible), 1), height: Lane.height },
            svg('title', {}, `possibly ${interval.status} from ${describeDay(possible)}, certainly from ${describeDay(certain)}`))];
    });
}

function contextBands(steps, x, from, to) {
    return steps.filter(step => step.development.kind === 'context').map(step => {
        const { start, end } = period(step.development.occurredOn);
        const left = x(start ?? from), right = x(Math.min(end ?? to, to) + Day);
        return svg('rect', { class: 'context-band', x: left, y: 0, width: Math.max(right - left, 2), height: Lane.marks + 6 });
    });
}

function axis(from, to, x, width) {
    const first = new Date(from).getUTCFullYear() + 1, last = new Date(to).getUTCFullYear();
    const years = [];
    for (let year = first; year <= last; year++) years.push(year);
    const every = Math.max(1, Math.ceil(years.length / Math.max(1, Math.floor(width / 48))));
    return svg('g', { class: 'axis', 'aria-hidden': 'true' }, years.filter(year => year % every === 0).map(year => {
        const at = x(Date.UTC(year, 0, 1));
        return svg('g', {}, svg('line', { x1: at, x2: at, y1: Lane.top, y2: Lane.axis - 8 }),
            svg('text', { x: at, y: Lane.axis + 6, 'text-anchor': 'middle' }, String(year)));
    }));
}

/** Developments as marks; those within MarkGap pixels of each other share one. */
function marks(steps, x, from, to, channel) {
    const groups = [];
    for (const step of steps) {
        const { start, end } = period(step.development.occurredOn);
        const left = x(start ?? from);
        const group = groups.at(-1);
        if (group && left - group.left < MarkGap) group.steps.push(step);
        else groups.push({ left, right: x(Math.min(end ?? to, to)), steps: [step] });
    }
    return svg('g', { class: 'marks' }, groups.map(group => {
        const only = group.steps.length === 1 ? group.steps[0] : null;
        const certain = group.steps.every(step => step.certain);
        const context = group.steps.every(step => step.development.kind === 'context');
        const label = only ? `${only.development.occurredOnText}: ${kindName(only.development.kind)}. ${only.development.summary}`
            : `${group.steps.length} developments from ${group.steps[0].development.occurredOnText} to ${group.steps.at(-1).development.occurredOnText}`;
        const mark = svg('g', { class: `mark${certain ? '' : ' not-certain'}${context ? ' context' : ''}`, tabindex: 0,
                role: 'button', 'aria-label': label, 'data-channel': channel, 'data-key': group.steps[0].development.id },
            group.right - group.left > 3 ? svg('line', { class: 'span', x1: group.left, x2: group.right, y1: Lane.marks, y2: Lane.marks }) : null,
            context ? svg('rect', { x: group.left - 4.5, y: Lane.marks - 4.5, width: 9, height: 9 })
                : svg('circle', { cx: group.left, cy: Lane.marks, r: group.steps.length > 1 ? 6.5 : 5 }),
            group.steps.length > 1 ? svg('text', { x: group.left, y: Lane.marks + 3.5, 'text-anchor': 'middle' },
                group.steps.length > 9 ? '+' : String(group.steps.length)) : null);
        const show = () => showPopover(mark, group.steps);
        mark.addEventListener('mouseenter', show);
        mark.addEventListener('focus', show);
        mark.addEventListener('mouseleave', hidePopover);
        mark.addEventListener('blur', hidePopover);
        mark.addEventListener('keydown', event => { if (event.key === 'Escape') hidePopover(); });
        return mark;
    }));
}

function showPopover(mark, steps) {
    const popover = document.getElementById('popover');
    popover.replaceChildren(
        ...steps.slice(0, PopoverLimit).map(step => h('div', { class: 'pop-item' },
            h('p', { class: 'what' }, h('strong', {}, step.development.occurredOnText), ` · ${kindName(step.development.kind)} → `,
                statusBadge(step.statusAfter), step.certain ? '' : ' (not yet certain)', step.overdue ? ' (overdue)' : ''),
            h('p', {}, step.development.summary),
            h('ul', { class: 'sources' }, step.development.sources.map(source =>
                h('li', {}, h('cite', {}, source.title), ` — ${source.publisher}, ${source.publishedOn}`))))),
        steps.length > PopoverLimit ? h('p', { class: 'more' }, `and ${steps.length - PopoverLimit} more: see the list below.`) : '');
    const box = mark.getBoundingClientRect();
    popover.hidden = false;
    const left = Math.min(Math.max(8, box.left + box.width / 2 - popover.offsetWidth / 2), window.innerWidth - popover.offsetWidth - 8);
    const below = box.bottom + 8 + popover.offsetHeight < window.innerHeight;
    popover.style.left = `${left}px`;
    popover.style.top = `${below ? box.bottom + 8 : Math.max(8, box.top - popover.offsetHeight - 8)}px`;
}

function hidePopover() {
    document.getElementById('popover').hidden = true;
}

/**
 * The intervals in words, for everyone and for screen readers: "suspended from August 2022 until 15 Nov 2023".
 * The latest few are shown; a long history folds the rest away, so the page keeps its shape whatever the data.
 */
function describeIntervals(list) {
    if (list.length === 0) return [h('li', {}, 'Unknown: nothing recorded by this date.')];
    const latest = list.slice(-ShownIntervals).map(describeInterval);
    if (list.length <= ShownIntervals) return latest;
    return [h('li', { class: 'earlier' }, h('details', {},
        h('summary', {}, `${(list.length - ShownIntervals).toLocaleString('en')} earlier`),
        h('ol', {}, list.slice(0, -ShownIntervals).map(describeInterval)))), ...latest];
}

function describeInterval(interval) {
    return h('li', { class: `interval i-${interval.status}` }, statusBadge(interval.status),
        ` from ${interval.fromText}`,
        interval.possiblyFrom !== interval.certainFrom ? ` (certain by ${describeDay(bound(interval.certainFrom))})` : '',
        interval.untilText ? ` until ${interval.untilText}` : ' to this date');
}
