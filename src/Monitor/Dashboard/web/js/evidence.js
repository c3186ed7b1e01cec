// A development as people read it: when (with its precision), what, and the reports behind it with their quotes.
import { h } from './dom.js';
import { channelName, kindName } from './state.js';

export function statusBadge(status) {
    return h('span', { class: `status s-${status}` }, h('span', { class: 'icon', 'aria-hidden': 'true' }), status);
}

function sourceItem(source) {
    const title = source.url ? h('a', { href: source.url, rel: 'noopener noreferrer', target: '_blank' }, source.title) : source.title;
    return h('li', { class: 'source' },
        h('cite', {}, title), ' — ', source.publisher,
        source.syndicatedFrom ? ` (copy of ${source.syndicatedFrom})` : '',
        ', ', h('span', { class: 'published' }, `published ${source.publishedOn}`),
        h('blockquote', {}, source.evidence));
}

/** One development in brief: its date as reported, kind, summary and sources. */
export function developmentBrief(development, { sourcesOpen = false, heading = 'p' } = {}) {
    const count = development.sources.length;
    return h('div', { class: 'development' },
        h(heading, { class: 'what' },
            h('time', { datetime: development.occurredOn }, development.occurredOnText), ' · ',
            h('span', { class: `kind k-${development.kind}` }, kindName(development.kind)),
            development.channels ? ` · ${development.channels.map(channelName).join(', ')}` : ''),
        h('p', { class: 'summary' }, development.summary),
        h('details', { open: sourcesOpen },
            h('summary', {}, `${count} ${count === 1 ? 'source' : 'sources'}`,
                development.corroboration > 1 ? `, ${development.corroboration} independent` : ''),
            h('ul', { class: 'sources' }, development.sources.map(sourceItem))));
}
