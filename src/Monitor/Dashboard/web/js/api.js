// Talks to the monitor's HTTP API: the key (if any) goes with every request; refusals come back as problems.
const KeyName = 'monitor.analyst-key';

export const key = {
    get: () => localStorage.getItem(KeyName) ?? '',
    set: value => value ? localStorage.setItem(KeyName, value) : localStorage.removeItem(KeyName),
};

/** A refusal from the API: its status and RFC 9457 problem (title, detail, errors by field). */
export class Refusal extends Error {
    constructor(status, problem) {
        super(problem.detail ?? problem.title ?? `The server answered ${status}.`);
        this.status = status;
        this.problem = problem;
    }
}

export function headers(extra = {}) {
    const value = key.get();
    return value ? { ...extra, Authorization: `Bearer ${value}` } : extra;
}

/** The query string of the non-empty values. */
export function query(values) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
    const text = params.toString();
    return text ? `?${text}` : '';
}

export const get = (path, values = {}, signal) => send('GET', path + query(values), undefined, signal);
export const post = (path, body) => send('POST', path, body);

async function send(method, path, body, signal) {
    let response;
    try {
        response = await fetch(path, {
            method,
            signal,
            headers: headers(body === undefined ? { Accept: 'application/json' } : { 'Content-Type': 'application/json' }),
            body: body === undefined ? undefined : JSON.stringify(body),
        });
    } catch (error) {
        if (error.name === 'AbortError') throw error;
        throw new Refusal(0, { title: 'The monitor cannot be reached.', detail: 'Check that the server runs; the page retries by itself.' });
    }
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) throw new Refusal(response.status, json ?? { title: `The server answered ${response.status}.` });
    return json;
}
