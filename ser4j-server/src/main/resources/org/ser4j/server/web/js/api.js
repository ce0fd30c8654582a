// Calls to ser4j's REST API (same origin), with errors turned into sentences a person can act on.

/** An API failure: HTTP status (0 when the server could not be reached), the API's error code and message. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// Only needed when the server runs with --api-keys: a key put in this tab's sessionStorage is sent with requests.
const apiKey = sessionStorage.getItem('ser4j-api-key') || '';

const reachability = [];

/** Calls listener(true|false) whenever a request reaches the server, or fails to. */
export function onReachability(listener) {
  reachability.push(listener);
}

/** fetch() that throws ApiError for network failures and non-2xx answers. */
export async function request(path, options = {}) {
  const headers = new Headers(options.headers || {});
  if (apiKey) headers.set('X-API-Key', apiKey);
  let response;
  try {
    response = await fetch(path, { ...options, headers });
  } catch (e) {
    reachability.forEach((listener) => listener(false));
    throw new ApiError(0, 'unreachable', 'The ser4j server cannot be reached. Is "bin/ser4j serve" still running?');
  }
  reachability.forEach((listener) => listener(true));
  if (!response.ok) {
    let body = {};
    try { body = await response.json(); } catch (e) { /* not JSON: keep the status text */ }
    throw new ApiError(response.status, body.error || `http_${response.status}`, body.message || response.statusText);
  }
  return response;
}

export async function getJson(path) {
  return (await request(path)).json();
}

/** POSTs audio (a File or Blob) as multipart/form-data and returns the JSON answer. */
export async function postAudio(path, audio, fileName) {
  const form = new FormData();
  form.append('audio', audio, fileName);
  return (await request(path, { method: 'POST', body: form })).json();
}

export async function postJson(path, value) {
  const body = JSON.stringify(value);
  return (await request(path, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } })).json();
}

/** A title and a sentence for an error, written for the person using the page. */
export function describe(error, fileName = 'The file') {
  if (!(error instanceof ApiError)) return { title: 'Something went wrong', detail: String(error.message || error) };
  switch (error.status) {
    case 0: return { title: 'The server is not answering', detail: error.message };
    case 401: return { title: 'This server needs an API key', detail: error.message };
    case 413: return { title: `${fileName} is too large`, detail: `The server accepts ${limitOf(error.message)}.` };
    case 415: return {
      title: `${fileName} is not an audio format ser4j can read`,
      detail: 'Try WAV, FLAC, MP3, Ogg Vorbis, Opus, M4A/AAC, AIFF or WebM.',
    };
    case 422: return { title: `${fileName} could not be used`, detail: capitalise(error.message) + '.' };
    case 503: return { title: 'The server is busy', detail: 'Please try again in a moment. (' + error.message + ')' };
    default: return { title: `Error ${error.status}`, detail: capitalise(error.message) };
  }
}

function limitOf(message) {
  const bytes = Number((/limit of (\d+) bytes/.exec(message) || [])[1]);
  return bytes ? `files up to ${formatBytes(bytes)}` : 'smaller files only';
}

export function formatBytes(n) {
  if (n >= 1024 * 1024) return `${+(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

function capitalise(s) {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
