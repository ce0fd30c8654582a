// The sidebar and the Model, Datasets and Dashboard pages, from /api/v1/model, /api/v1/predictions and
// /api/v1/feedback/summary.
import { describe, getJson } from './api.js';
import { chip, drawBars, hasSpeech, percent } from './emotions.js';

const $ = (id) => document.getElementById(id);

/** What ser4j knows about the corpora it ships models for (a bundle only records names, counts and licences). */
const CORPORA = {
  ravdess: 'Ryerson Audio-Visual Database of Emotional Speech and Song: 24 North American actors (12 female, 12 '
    + 'male) saying two neutral sentences with 8 emotions at two intensities.',
  'crema-d': 'Crowd-sourced Emotional Multimodal Actors Dataset: 91 actors of diverse ages and ethnicities, 12 '
    + 'sentences, 6 emotions, labels checked by crowd raters.',
  tess: 'Toronto Emotional Speech Set: two actresses (aged 26 and 64) saying 200 target words in a carrier phrase '
    + 'with 7 emotions.',
  emodb: 'Berlin Database of Emotional Speech (EMO-DB): 10 German actors, 10 sentences, 7 emotions.',
};

/** The language each corpus was recorded in. */
const LANGUAGES = { ravdess: 'English', 'crema-d': 'English', tess: 'English', savee: 'English', emodb: 'German' };

// ------------------------------------------------------------------------------------------------ helpers

function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  if (className) e.className = className;
  return e;
}

/** Numbers to 4 significant digits, objects as JSON. */
function shortValue(value) {
  if (typeof value === 'number' && !Number.isInteger(value)) return String(+value.toPrecision(4));
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** <dl> of [label, value] pairs, skipping empty values; objects are shown as "key: value, ...". */
function facts(pairs) {
  const dl = el('dl', null, 'facts');
  for (const [k, v] of pairs) {
    const text = typeof v === 'object' && v !== null
      ? Object.entries(v).map(([key, value]) => `${key}: ${shortValue(value)}`).join(', ')
      : v;
    if (text === undefined || text === null || text === '') continue;
    dl.append(el('dt', k), el('dd', String(text)));
  }
  return dl;
}

/** A <table> with a header row and body rows (arrays of cells; the first cell of a row is its header). */
function table(head, rows, caption) {
  const t = el('table');
  if (caption) t.append(el('caption', caption, 'visually-hidden'));
  const tr = el('tr');
  head.forEach((h) => { const th = el('th', h); th.scope = 'col'; tr.append(th); });
  t.append(el('thead'));
  t.tHead.append(tr);
  const body = el('tbody');
  for (const row of rows) {
    const r = el('tr');
    row.forEach((cell, i) => {
      const c = i === 0 ? el('th', null) : el('td', null);
      if (i === 0) c.scope = 'row';
      if (cell instanceof Node) c.append(cell); else c.textContent = cell;
      if (typeof cell === 'string' && i > 0 && !/^[\d.,% ±–-]+$/.test(cell)) c.className = 'text';
      r.append(c);
    });
    body.append(r);
  }
  t.append(body);
  const wrap = el('div', null, 'table-wrap');
  wrap.append(t);
  return wrap;
}

const fixed = (x, d = 3) => (typeof x === 'number' ? x.toFixed(d) : '–');
const withCi = (x, ci) => (ci ? `${percent(x)} (95 % CI ${percent(ci.lower)}–${percent(ci.upper)})` : percent(x));

// ------------------------------------------------------------------------------------------------ sidebar

export function showSidebar(model) {
  const m = $('side-model');
  const e = model.evaluation;
  m.replaceChildren(el('h2', 'Model'),
    el('p', `${model.name} ${model.version}`),
    el('p', `${model.provenance.model_type || ''} on ${model.provenance.features || model.feature_spec.set}`, 'muted'));
  const classes = el('p');
  model.classes.forEach((c) => classes.append(chip(c), ' '));
  m.append(classes);
  if (e) m.append(el('p', `Cross-validated accuracy ${percent(e.accuracy)}, unweighted ${percent(e.unweighted_accuracy)}`));
  const more = el('a', 'More about the model');
  more.href = '#model';
  const moreRow = el('p');
  moreRow.append(more);
  m.append(moreRow);

  const d = $('side-datasets');
  d.replaceChildren(el('h2', 'Trained on'));
  const list = el('ul');
  for (const c of model.provenance.corpora || []) list.append(el('li', `${c.name}: ${c.files} clips, ${c.speakers} speakers`));
  d.append(list);
  if (model.provenance.licences) d.append(el('p', model.provenance.licences, 'muted'));
}

// ------------------------------------------------------------------------------------------------ model page

export function showModel(model) {
  const box = $('model-details');
  const p = model.provenance;
  const overview = el('section', null, 'card');
  overview.append(el('h3', 'Provenance'), facts([
    ['Name', `${model.name} ${model.version}`], ['Trained', p.created], ['Model type', p.model_type],
    ['Features', p.features], ['Classes', model.classes.join(', ')], ['Label map', p.label_map],
    ['Evaluation protocol', p.protocol], ['Calibration', p.calibration], ['Options', p.options],
    ['Hyper-parameters', p.hyper_parameters], ['Seeds', p.seeds], ['ser4j version', p.ser4j_version],
    ['Git commit', p.git_commit], ['Licences', p.licences],
  ]));
  box.replaceChildren(overview);

  const e = model.evaluation;
  if (!e) {
    box.append(el('p', 'This model bundle carries no evaluation.', 'card'));
    return;
  }
  const metrics = el('section', null, 'card');
  metrics.append(el('h3', `Cross-validated evaluation (${e.n} clips)`), facts([
    ['Accuracy', withCi(e.accuracy, e.accuracy_ci)],
    ['Unweighted accuracy', withCi(e.unweighted_accuracy, e.unweighted_accuracy_ci)],
    ['Macro F1', fixed(e.macro_f1)],
  ]));
  metrics.append(el('h4', 'Per emotion'), table(['emotion', 'precision', 'recall', 'F1', 'clips'],
    Object.entries(e.per_class).map(([c, m]) => [chip(c), fixed(m.precision), fixed(m.recall), fixed(m.f1),
      String(m.support)]), 'Metrics per emotion'));
  box.append(metrics);

  const confusion = el('section', null, 'card');
  confusion.append(el('h3', 'Confusion matrix'),
    el('p', 'Rows: the true emotion; columns: what the model said. Each cell: clips (share of the row).', 'muted'));
  const labels = e.confusion.labels;
  const rows = labels.map((truth, i) => [chip(truth), ...labels.map((_, j) => {
    const span = el('span', `${e.confusion.counts[i][j]} (${percent(e.confusion.normalized[i][j])})`);
    return span;
  })]);
  const grid = table(['true \\ predicted', ...labels], rows, 'Confusion matrix');
  // Shade each cell by its share of the row (blue, light enough to keep the text readable).
  grid.querySelectorAll('tbody tr').forEach((tr, i) => {
    tr.querySelectorAll('td').forEach((td, j) => {
      td.style.background = `rgba(29, 78, 216, ${(0.45 * e.confusion.normalized[i][j]).toFixed(3)})`;
    });
  });
  confusion.append(grid);
  box.append(confusion);

  if (e.per_corpus && Object.keys(e.per_corpus).length) {
    const corpora = el('section', null, 'card');
    corpora.append(el('h3', 'By corpus'), table(['corpus', 'clips', 'accuracy', 'unweighted', 'macro F1'],
      Object.entries(e.per_corpus).map(([c, g]) => [c, String(g.n), percent(g.accuracy),
        percent(g.unweighted_accuracy), fixed(g.macro_f1)]), 'Metrics by corpus'));
    box.append(corpora);
  }
}

// ------------------------------------------------------------------------------------------------ datasets page

export function showDatasets(model) {
  const box = $('dataset-details');
  box.replaceChildren();
  for (const c of model.provenance.corpora || []) {
    const card = el('section', null, 'card');
    card.append(el('h3', c.name));
    const about = CORPORA[c.name.toLowerCase()];
    if (about) card.append(el('p', about));
    card.append(facts([['Clips used', String(c.files)], ['Speakers', String(c.speakers)], ['Licence', c.licence],
      ['File list SHA-256', c.file_list_sha256]]));
    box.append(card);
  }
  if (!box.childElementCount) box.append(el('p', 'The model bundle does not list its training corpora.', 'card'));
  const dist = model.training_distribution;
  if (dist) {
    const card = el('section', null, 'card');
    const bars = el('ul', null, 'bars');
    drawBars(bars, dist.shares);
    card.append(el('h3', 'Emotions in the training data'), bars,
      el('p', dist.source === 'uniform' ? 'Unknown: shown as uniform.' : `Source: ${dist.source}.`, 'muted'));
    box.append(card);
  }
}

// ------------------------------------------------------------------------------------------------ about page

/** The About page's model card (from the bundle) and privacy section (from /api/v1/server). */
export async function showAbout(model) {
  const p = model.provenance;
  const e = model.evaluation;
  const corpora = p.corpora || [];
  const languages = [...new Set(corpora.map((c) => LANGUAGES[c.name.toLowerCase()]).filter(Boolean))];
  const card = $('about-model');
  card.replaceChildren(facts([
    ['Model', `${model.name} ${model.version}: ${p.model_type || 'model'} on ${model.feature_spec.set} features`],
    ['Emotions', model.classes.join(', ')],
    ['Trained on', corpora.map((c) => `${c.name} (${c.files} clips, ${c.speakers} speakers)`).join('; ')
      || 'not recorded in the bundle'],
    ['Languages', languages.join(', ')],
    ['Licences', p.licences],
    ['Accuracy', e ? `${withCi(e.unweighted_accuracy, e.unweighted_accuracy_ci)} unweighted accuracy, macro-F1 `
      + `${fixed(e.macro_f1)}${p.protocol && p.protocol !== 'none' ? ` (${p.protocol})` : ''}`
      : 'the bundle carries no evaluation'],
  ]));
  const limits = el('ul');
  limits.append(el('li', 'Trained and tested on acted speech: everyday speech is harder, and a confidence is a '
    + 'probability on those recordings, not a certainty about a person.'));
  if (e && e.per_gender && Object.keys(e.per_gender).length > 1) {
    limits.append(el('li', 'Unweighted accuracy by gender: ' + Object.entries(e.per_gender)
      .map(([g, m]) => `${g} ${percent(m.unweighted_accuracy)}`).join(', ') + '.'));
  }
  if (e && e.per_corpus && Object.keys(e.per_corpus).length > 1) {
    limits.append(el('li', 'Unweighted accuracy by corpus: ' + Object.entries(e.per_corpus)
      .map(([c, m]) => `${c} ${percent(m.unweighted_accuracy)}`).join(', ') + '; a corpus it never heard scores '
      + 'lower.'));
  }
  if (languages.length) {
    limits.append(el('li', `Languages heard in training: ${languages.join(', ')}; others are untested.`));
  }
  limits.append(el('li', 'Not for decisions about individuals (hiring, credit, policing, diagnosis), lie detection or '
    + 'monitoring people without their knowledge.'));
  card.append(el('h4', 'Known limits'), limits);

  const privacy = $('about-privacy');
  let server;
  try {
    server = await getJson('/api/v1/server');
  } catch (err) {
    const { title, detail } = describe(err);
    privacy.replaceChildren(el('p', `${title}. ${detail}`));
    return;
  }
  const database = server.database_kind === 'postgresql' ? 'PostgreSQL' : 'SQLite';
  const items = el('ul');
  items.append(el('li', `Every prediction (file name, duration, scores, time) and every piece of feedback is kept in `
    + `this server's ${database} database.`));
  items.append(el('li', server.stores_audio
    ? `Uploaded and recorded audio is kept for ${server.audio_retention_days} days (for retraining from feedback), `
      + 'then deleted.'
    : 'Uploaded and recorded audio is not kept: it is analysed in memory and discarded.'));
  items.append(el('li', server.api_keys_required ? 'Sending audio and exporting feedback need an API key.'
    : 'This server asks for no API key.'));
  items.append(el('li', `Uploads are limited to ${Math.round(server.max_upload_bytes / 1048576)} MB and `
    + `${Math.round(server.max_audio_seconds / 60)} minutes of audio.`));
  privacy.replaceChildren(items);
}

// ------------------------------------------------------------------------------------------------ dashboard

export async function showDashboard() {
  const error = $('dashboard-error');
  error.hidden = true;
  let page;
  let feedback;
  try {
    [page, feedback] = await Promise.all([getJson('/api/v1/predictions?limit=100'),
      getJson('/api/v1/feedback/summary')]);
  } catch (e) {
    const { title, detail } = describe(e);
    error.textContent = `${title}. ${detail}`;
    error.hidden = false;
    return;
  }
  const f = $('dash-feedback');
  f.replaceChildren(feedback.total === 0 ? el('p', 'No feedback yet.')
    : el('p', `${percent(feedback.agreement)} of ${feedback.total} answers said the prediction was right `
      + `(${feedback.correct} right, ${feedback.total - feedback.correct} wrong).`));
  const download = el('a', 'Download feedback CSV');
  download.href = '/api/v1/feedback.csv';
  download.download = 'ser4j-feedback.csv';
  const downloadRow = el('p');
  downloadRow.append(download);
  f.append(downloadRow);

  // Recordings without speech are answers, not an emotion: counted apart, never among the emotion bars.
  const counts = {};
  const withSpeech = page.items.filter(hasSpeech);
  for (const p of withSpeech) counts[p.emotion] = (counts[p.emotion] || 0) + 1;
  const n = page.items.length;
  const speechCount = withSpeech.length;
  const noSpeech = $('dash-no-speech');
  noSpeech.textContent = n - speechCount > 0
    ? `${n - speechCount} of the last ${n} recording(s) held no speech (not counted above).` : '';
  if (speechCount) {
    drawBars($('dash-emotions'), Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v / speechCount])),
      (share) => String(Math.round(share * speechCount)));
  } else {
    $('dash-emotions').replaceChildren(el('li', n ? 'No predictions with speech yet.' : 'No predictions yet.'));
  }
  $('dash-recent').replaceChildren(n === 0 ? el('p', 'No predictions yet.')
    : table(['time', 'file', 'emotion', 'confidence', 'duration'], page.items.slice(0, 20).map((p) => [
      new Date(p.created_at).toLocaleString(), p.file, chip(p.emotion), hasSpeech(p) ? percent(p.confidence) : '–',
      `${p.duration_s.toFixed(1)} s`]), 'Latest predictions'));
}
