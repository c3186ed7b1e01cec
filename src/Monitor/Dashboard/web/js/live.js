// Follows a server-sent event stream with fetch (so the key can go with it), and reconnects by itself, sooner
// at first and then every few seconds, for as long as the page is open: a restarted server is picked up again.
import { headers } from './api.js';

const MaxWait = 5000;

/**
 * @param onEvent  called with (type, data) for each event
 * @param onState  called with 'live' once connected, 'reconnecting' when the connection is lost
 */
export function follow(url, onEvent, onState) {
    let lastEventId = '';
    let wait = 250;
    const connect = async () => {
        try {
            const response = await fetch(url, {
                headers: headers({ Accept: 'text/event-stream', ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) }),
                cache: 'no-store',
            });
            if (!response.ok || !response.body) throw new Error(`The stream answered ${response.status}.`);
            onState('live');
            wait = 250;
            const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
            let buffer = '';
            while (true) {
                const { value, done } = await reader.read();
                if (done) break;
                buffer += value.replaceAll('\r\n', '\n');
                let end;
                while ((end = buffer.indexOf('\n\n')) >= 0) {
                    const block = buffer.slice(0, end);
                    buffer = buffer.slice(end + 2);
                    const event = parse(block);
                    if (event.id) lastEventId = event.id;
                    if (event.data !== undefined) onEvent(event.type, JSON.parse(event.data));
                }
            }
        } catch {
            // Lost or refused: try again below.
        }
        onState('reconnecting');
        setTimeout(connect, wait);
        wait = Math.min(wait * 2, MaxWait);
    };
    connect();
}

function parse(block) {
    const event = { type: 'message' };
    for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event.type = value;
        else if (field === 'id') event.id = value;
        else if (field === 'data') event.data = event.data === undefined ? value : `${event.data}\n${value}`;
    }
    return event;
}
