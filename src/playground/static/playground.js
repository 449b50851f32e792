// The playground page: a chat with the bot as Teams would hold it. What the user types or clicks
// goes to /playground/api/send (the server makes a Teams activity of it); what the bot sends comes
// back over /playground/events (Server-Sent Events): new messages, cards replaced in place, deletes.
import { renderCard } from '/playground/static/card-host.js';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const $ = (id) => document.getElementById(id);

// crypto.randomUUID needs a secure context: http://localhost and http://127.0.0.1 are.
const uuid = () =>
  crypto.randomUUID?.() ?? `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`;

// Per browser tab: a conversation and a user. Per browser: the tenant.
const defaultTenant = document.querySelector('meta[name="osto-default-tenant"]').content;
const me = {
  tenantId: localStorage.getItem('osto.playground.tenantId') || defaultTenant,
  conversationId: sessionStorage.getItem('osto.playground.conversationId') || newConversationId(),
  userId: sessionStorage.getItem('osto.playground.userId') || uuid(),
  userName: 'Playground user',
};
sessionStorage.setItem('osto.playground.conversationId', me.conversationId);
sessionStorage.setItem('osto.playground.userId', me.userId);

function newConversationId() {
  return `a:playground-${uuid()}`;
}

/** activity id → { row, bubble, version } of what is on screen. */
const shown = new Map();
let events;

function time(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function setStatus(text, isError = false) {
  const el = $('status');
  el.textContent = text;
  el.classList.toggle('error', isError);
}

function showIds() {
  $('ids').textContent = `tenant ${me.tenantId} · conversation ${me.conversationId} · user ${me.userId}`;
  $('tenant-id').value = me.tenantId;
}

function nearBottom() {
  const t = $('transcript');
  return t.scrollHeight - t.scrollTop - t.clientHeight < 80;
}

function scrollDown() {
  const t = $('transcript');
  t.scrollTop = t.scrollHeight;
}

/** The content of one message: its text and its cards. */
function contentOf(entry) {
  const parts = [];
  if (entry.text) {
    const p = document.createElement('div');
    p.className = 'text';
    p.textContent = entry.text;
    parts.push(p);
  }
  for (const a of entry.attachments ?? []) {
    const box = document.createElement('div');
    box.className = 'card';
    if (a?.contentType === ADAPTIVE_CARD && a.content) {
      box.append(renderCard(a.content, (kind, payload) => onCardAction(entry.id, box, kind, payload)));
    } else {
      box.textContent = `[${a?.contentType ?? 'attachment'}: not shown in the playground]`;
    }
    parts.push(box);
  }
  return parts;
}

/** Shows a new message, or replaces one in place when this version is newer than what is shown. */
function upsert(entry) {
  const seen = shown.get(entry.id);
  if (seen && seen.version >= entry.version) return;
  const stick = nearBottom();
  if (seen) {
    seen.bubble.replaceChildren(...contentOf(entry));
    seen.version = entry.version;
  } else {
    const row = document.createElement('div');
    row.className = `row ${entry.role}`;
    row.dataset.activityId = entry.id;
    const meta = document.createElement('div');
    meta.className = 'meta';
    meta.textContent = `${entry.role === 'bot' ? 'Osto' : 'You'} · ${time(entry.timestamp)}`;
    const bubble = document.createElement('div');
    bubble.className = 'bubble';
    bubble.append(...contentOf(entry));
    const body = document.createElement('div');
    body.className = 'body';
    body.append(meta, bubble);
    if (entry.role === 'bot') {
      const avatar = document.createElement('span');
      avatar.className = 'avatar';
      avatar.textContent = 'O';
      row.append(avatar);
    }
    row.append(body);
    $('transcript').append(row);
    shown.set(entry.id, { row, bubble, version: entry.version });
    $('empty').hidden = true;
  }
  if (stick || entry.role === 'user') scrollDown();
}

function remove(id) {
  shown.get(id)?.row.remove();
  shown.delete(id);
}

function note(text) {
  const row = document.createElement('div');
  row.className = 'row note';
  row.textContent = text;
  $('transcript').append(row);
  scrollDown();
}

async function send(body) {
  setStatus('Osto is typing…');
  try {
    const res = await fetch('/playground/api/send', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...me, ...body }),
    });
    const answer = await res.json().catch(() => ({ ok: false, error: `HTTP ${res.status}` }));
    if (!answer.ok) throw new Error(answer.error || `HTTP ${res.status}`);
    setStatus('');
    return answer;
  } catch (e) {
    setStatus(`Could not reach the bot: ${e.message}`, true);
    throw e;
  }
}

/** An action of a card: the renderer has validated the inputs already (as Teams does). */
async function onCardAction(cardId, box, kind, payload) {
  if (kind === 'openUrl') {
    if (payload.url) window.open(payload.url, '_blank', 'noopener');
    return;
  }
  box.classList.add('busy');
  try {
    if (kind === 'submit') {
      await send({ value: payload.value, replyToId: cardId });
      return;
    }
    const answer = await send({ invoke: { verb: payload.verb, data: payload.data, cardId } });
    const r = answer.invokeResponse;
    // Action.Execute: the card in the invoke response replaces the card in place.
    if (answer.entry) upsert(answer.entry);
    else if (r && r.type === 'application/vnd.microsoft.activity.message' && r.value) note(String(r.value));
    else if (r && r.statusCode >= 400) note(`The bot answered ${r.statusCode}: ${JSON.stringify(r.value)}`);
  } catch {
    // The status line says what went wrong.
  } finally {
    box.classList.remove('busy');
  }
}

function listen() {
  events?.close();
  shown.clear();
  $('transcript').replaceChildren($('empty'));
  $('empty').hidden = false;
  $('connection-state').textContent = 'connecting…';
  events = new EventSource(`/playground/events?conversationId=${encodeURIComponent(me.conversationId)}`);
  events.addEventListener('activity', (e) => upsert(JSON.parse(e.data)));
  events.addEventListener('update', (e) => upsert(JSON.parse(e.data)));
  events.addEventListener('delete', (e) => remove(JSON.parse(e.data).id));
  events.addEventListener('ready', () => {
    $('connection-state').textContent = 'Bot · local';
    document.body.dataset.ready = 'true';
  });
  events.onerror = () => {
    $('connection-state').textContent = 'reconnecting…';
    document.body.dataset.ready = 'false';
  };
}

function newChat() {
  me.conversationId = newConversationId();
  sessionStorage.setItem('osto.playground.conversationId', me.conversationId);
  showIds();
  listen();
  setStatus('');
  $('message').focus();
}

function sendText(text) {
  const t = text.trim();
  if (!t) return;
  send({ text: t }).catch(() => {});
}

$('compose').addEventListener('submit', (e) => {
  e.preventDefault();
  const input = $('message');
  sendText(input.value);
  input.value = '';
});

$('chips').addEventListener('click', (e) => {
  const text = e.target.closest('button[data-text]')?.dataset.text;
  if (text) sendText(text);
});

// A conversation belongs to one tenant: switching tenant starts a new chat.
$('tenant-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const value = $('tenant-id').value.trim() || defaultTenant;
  me.tenantId = value;
  localStorage.setItem('osto.playground.tenantId', value);
  newChat();
});
$('new-chat').addEventListener('click', newChat);

window.addEventListener('beforeunload', () => events?.close());

showIds();
listen();
$('message').focus();
