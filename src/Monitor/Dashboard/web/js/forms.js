// The analyst's forms (record, add a source, correct, retract) in one dialog. What the API refuses is shown
// beside the field it names; nothing is checked here that the API does not check itself.
import { Refusal, post } from './api.js';
import { h } from './dom.js';
import { catalog, channelName, kindName } from './state.js';

const sourceFields = at => [
    { name: `${at}.title`, label: 'Title' },
    { name: `${at}.publisher`, label: 'Publisher' },
    { name: `${at}.url`, label: 'Address', type: 'url', optional: true },
    { name: `${at}.publishedOn`, label: 'Published on', hint: 'As precise as known: 2024-08-29, 2024-08 or 2024.' },
    { name: `${at}.evidence`, label: 'Evidence', multiline: true, hint: 'The sentence of the report that bears the development out.' },
    { name: `${at}.syndicatedFrom`, label: 'Copy of', optional: true, hint: "For a copy of another outlet's story: the original's address or publisher." },
];

const factFields = at => [
    { name: `${at}channels`, label: 'Channels', choices: catalog.channels.map(c => [c.id, c.name]) },
    { name: `${at}kind`, label: 'Kind', options: catalog.kinds.map(k => [k, kindName(k)]) },
    { name: `${at}occurredOn`, label: 'Occurred on', hint: 'A day, month or year, or a period: 2023-11-15, 2023-11, 2023-09/2023-12, ../2024-04.' },
    { name: `${at}plannedFor`, label: 'Planned for', optional: true, hint: 'Only for a contact planned or a restoration agreed.' },
    { name: `${at}summary`, label: 'Summary', multiline: true },
    { name: `${at}actors`, label: 'Actors', optional: true, hint: 'Separated by commas.', list: true },
];

const reasonField = { name: 'reason', label: 'Reason', multiline: true, hint: 'Why: it stays in the record for everyone to read.' };

/** Opens the dialog for one of the four writes; resolves once the write is accepted (or the dialog closed). */
export const forms = {
    record: () => open({
        title: 'Record a development', submit: 'Record', prefix: '',
        fields: [...factFields(''), ...sourceFields('sources[0]')],
        send: body => post('/api/developments', body),
    }),
    addSource: development => open({
        title: `Add a report of: ${development.summary}`, submit: 'Add the source', prefix: 'source.',
        fields: sourceFields('source'),
        send: body => post(`/api/developments/${development.id}/sources`, body),
    }),
    correct: development => open({
        title: `Correct: ${development.summary}`, submit: 'Save the correction', prefix: 'development.',
        fields: [...factFields('development.'), reasonField],
        values: {
            'development.channels': development.channels, 'development.kind': development.kind,
            'development.occurredOn': development.occurredOn, 'development.plannedFor': development.plannedFor ?? '',
            'development.summary': development.summary, 'development.actors': development.actors.join(', '),
        },
        // A correction restates the facts; the sources stay as they are (add more with "Add a source").
        send: body => post(`/api/developments/${development.id}/correction`,
            { ...body, development: { ...body.development, sources: development.sources } }),
    }),
    retract: development => open({
        title: `Retract: ${development.summary}`, submit: 'Retract', prefix: '',
        fields: [reasonField],
        send: body => post(`/api/developments/${development.id}/retraction`, body),
    }),
};

const dialog = () => document.getElementById('edit-dialog');

function open(form) {
    const fields = document.getElementById('edit-fields');
    document.getElementById('edit-title').textContent = form.title;
    document.getElementById('edit-submit').textContent = form.submit;
    fields.replaceChildren(...form.fields.map(field => control(field, form.values?.[field.name])));
    document.getElementById('edit-errors').replaceChildren();
    let distinctFrom = [];
    return new Promise(resolve => {
        const element = document.getElementById('edit-form');
        element.onsubmit = async event => {
            event.preventDefault();
            const body = read(form.fields);
            if (distinctFrom.length) body.distinctFrom = distinctFrom;
            try {
                const written = await form.send(body);
                dialog().close();
                resolve(written);
            } catch (error) {
                if (!(error instanceof Refusal)) throw error;
                distinctFrom = showRefusal(error, form);
            }
        };
        document.getElementById('edit-cancel').onclick = () => { dialog().close(); resolve(null); };
        dialog().showModal();
        fields.querySelector('input, select, textarea')?.focus();
    });
}

function control(field, value) {
    const id = `field-${field.name.replace(/[^a-zA-Z0-9]+/g, '-')}`;
    const described = [field.hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' ');
    let input;
    if (field.choices) {
        const chosen = new Set(value ?? []);
        input = h('fieldset', { id, class: 'choices', 'aria-describedby': described },
            h('legend', {}, field.label),
            field.choices.map(([choice, label]) => h('label', { class: 'choice' },
                h('input', { type: 'checkbox', name: field.name, value: choice, checked: chosen.has(choice) }), ` ${label}`)));
    } else if (field.options) {
        input = h('select', { id, name: field.name, 'aria-describedby': described },
            h('option', { value: '' }, 'Choose…'),
            field.options.map(([option, label]) => h('option', { value: option, selected: option === value }, label)));
    } else if (field.multiline) {
        input = h('textarea', { id, name: field.name, rows: 3, 'aria-describedby': described });
        input.value = value ?? '';
    } else {
        input = h('input', { id, name: field.name, type: field.type ?? 'text', 'aria-describedby': described, autocomplete: 'off' });
        input.value = value ?? '';
    }
    return h('div', { class: 'field', 'data-name': field.name },
        field.choices ? null : h('label', { for: id }, field.label, field.optional ? h('span', { class: 'hint' }, ' (optional)') : ''),
        input,
        field.hint ? h('p', { class: 'hint', id: `${id}-hint` }, field.hint) : null,
        h('p', { class: 'field-error', id: `${id}-error` }));
}

/** The body the API takes: "sources[0].title" becomes { sources: [{ title }] }; empty optional fields are left out. */
function read(fields) {
    const body = {};
    const form = document.getElementById('edit-form');
    for (const field of fields) {
        let value;
        if (field.choices) value = [...form.querySelectorAll(`input[name="${field.name}"]:checked`)].map(box => box.value);
        else value = form.querySelector(`[name="${CSS.escape(field.name)}"]`).value;
        if (field.list) value = value.split(',').map(item => item.trim()).filter(Boolean);
        if (value === '' && field.optional) continue;
        set(body, field.name, value === '' ? null : value);
    }
    return body;
}

function set(target, path, value) {
    const parts = path.split('.').flatMap(part => part.split(/\[(\d+)\]/).filter(Boolean));
    parts.slice(0, -1).forEach((part, i) => {
        target[part] ??= /^\d+$/.test(parts[i + 1]) ? [] : {};
        target = target[part];
    });
    target[parts.at(-1)] = value;
}

/** Shows the API's reasons; returns the candidates the analyst marked as other events, if it was a possible duplicate. */
function showRefusal(refusal, form) {
    const dialogElement = dialog();
    dialogElement.querySelectorAll('.field').forEach(field => {
        field.querySelector('.field-error').textContent = '';
        field.querySelector('input, select, textarea, fieldset')?.removeAttribute('aria-invalid');
    });
    const general = [];
    let firstInvalid = null;
    for (const [name, messages] of Object.entries(refusal.problem.errors ?? {})) {
        const field = dialogElement.querySelector(`.field[data-name="${CSS.escape(name)}"]`)
            ?? dialogElement.querySelector(`.field[data-name="${CSS.escape(form.prefix + name)}"]`);
        if (!field) { general.push(`${name}: ${messages.join(' ')}`); continue; }
        field.querySelector('.field-error').textContent = messages.join(' ');
        const input = field.querySelector('input, select, textarea, fieldset');
        input.setAttribute('aria-invalid', 'true');
        firstInvalid ??= input;
    }
    const list = document.getElementById('edit-errors');
    const candidates = refusal.problem.candidates ?? [];
    if (!refusal.problem.errors) general.push(refusalText(refusal));
    list.replaceChildren(...general.map(text => h('li', {}, text)),
        ...candidates.map(candidate => h('li', { class: 'candidate' },
            `${candidate.occurredOnText} · ${kindName(candidate.kind)} · ${candidate.channels.map(channelName).join(', ')}: ${candidate.summary} `,
            h('label', {}, h('input', { type: 'checkbox', class: 'distinct', value: candidate.id }), ' This is another event'))));
    (firstInvalid ?? list.querySelector('input') ?? list).focus?.();
    if (!candidates.length) return [];
    // Marked boxes count at the next submit; until one is marked, sending again gives the same answer.
    const marked = [];
    list.querySelectorAll('input.distinct').forEach(box => box.addEventListener('change', () => {
        const at = marked.indexOf(box.value);
        if (box.checked && at < 0) marked.push(box.value);
        if (!box.checked && at >= 0) marked.splice(at, 1);
    }));
    return marked;
}

function refusalText(refusal) {
    if (refusal.status === 401 || refusal.status === 403) return 'The analyst key was refused: set it again with "Analyst key".';
    return refusal.problem.detail ?? refusal.problem.title;
}
