// "Analyse a clip": choose, drop or record, play, predict, plot, and send feedback.
import { describe, postAudio, postJson } from './api.js';
import { noteAdaptation, sessionQuery } from './adaptation.js';
import { NO_SPEECH, chip, colourOf, drawBars, drawTimeline, hasSpeech, labelOf, percent } from './emotions.js';
import { openMicrophone, wavBlob } from './mic.js';
import { drawEmotionChart, drawSpectrogram, drawWaveform, followPlayback } from './plots.js';

const $ = (id) => document.getElementById(id);

// localStorage key of "Analyse as soon as a file is chosen" ('true' or 'false'); unticked unless set.
const AUTO_ANALYSE_KEY = 'ser4j-auto-analyse';

let chosen = null;     // {audio, name}: the clip on screen, sent when Predict is pressed
let prediction = null; // the prediction on screen, with its id for feedback
let plots = null;      // the plots on screen, for redrawing at a new size
let objectUrl = null;  // the player's source

export function initAnalyse(model) {
  const input = $('file-input');
  input.addEventListener('change', () => {
    if (input.files.length) choose(input.files[0], input.files[0].name);
    input.value = ''; // choosing the same file again still triggers a change
  });
  const zone = $('dropzone');
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    const file = e.dataTransfer.files[0];
    if (file) choose(file, file.name);
  });
  $('record-button').addEventListener('click', toggleRecording);
  $('predict-button').addEventListener('click', analyseChosen);
  const autoAnalyse = $('auto-analyse');
  autoAnalyse.checked = localStorage.getItem(AUTO_ANALYSE_KEY) === 'true';
  autoAnalyse.addEventListener('change', () => localStorage.setItem(AUTO_ANALYSE_KEY, String(autoAnalyse.checked)));

  const player = $('player');
  player.addEventListener('loadedmetadata', showChosenDuration);
  // The server's duration: some formats report none to the player.
  followPlayback(player, [$('waveform-box'), $('spectrogram-box'), $('emotion-chart-box')],
    () => (prediction ? prediction.duration_s : player.duration || 1));
  window.addEventListener('resize', redrawPlots);

  const select = $('right-emotion');
  for (const c of model.classes) select.append(new Option(c, c));
  select.append(new Option('no speech (silence or noise only)', NO_SPEECH));
  for (const radio of document.querySelectorAll('input[name="correct"]')) {
    radio.addEventListener('change', () => { $('right-emotion-row').hidden = radio.value === 'true'; });
  }
  $('feedback-form').addEventListener('submit', sendFeedback);
}

/**
 * Shows a chosen, dropped or recorded clip (name, player, duration once known) with its Predict button; sends it
 * at once only when analyseNow (by default: when "Analyse as soon as a file is chosen" is ticked).
 */
function choose(audio, name, analyseNow = $('auto-analyse').checked) {
  showError(null);
  chosen = { audio, name };
  prediction = null;
  setPlayer(audio);
  $('result-area').hidden = true;
  $('chosen-name').textContent = name;
  $('chosen-duration').textContent = '';
  setPredicting(false);
  if (analyseNow) analyseChosen();
}

function showChosenDuration() {
  const seconds = $('player').duration;
  $('chosen-duration').textContent = Number.isFinite(seconds) ? `· ${seconds.toFixed(1)} s` : '';
}

/** While a prediction runs, Predict is disabled and says so. */
function setPredicting(running) {
  const button = $('predict-button');
  button.disabled = running;
  button.textContent = running ? 'Analysing…' : 'Predict';
}

/**
 * Sends the chosen clip for a prediction and for the plots, and shows both. Segments are always asked for: they
 * feed the timeline, and the emotion-over-time chart once a clip has two stretches of speech.
 */
async function analyseChosen() {
  const clip = chosen;
  const { audio, name } = clip;
  showError(null);
  setPredicting(true);
  $('result-area').hidden = true;
  $('analyse-progress').textContent = `Analysing ${name}…`;
  const plotsPromise = postAudio('/api/v1/plots?width=800', audio, name); // computed alongside the prediction
  plotsPromise.catch(() => {}); // reported below, once the prediction has been shown
  let answer;
  try {
    const session = sessionQuery();
    answer = await postAudio(`/api/v1/predictions?segments=true${session ? '&' + session : ''}`, audio, name);
  } catch (e) {
    if (clip !== chosen) return; // another clip was chosen meanwhile
    setPredicting(false); // Predict stays, to try again (a busy server)
    $('analyse-progress').textContent = '';
    $('player').hidden = true; // nothing to play in a file that could not be read
    showError(describe(e, `“${name}”`));
    return;
  }
  if (clip !== chosen) return;
  prediction = answer;
  setPredicting(false);
  $('analyse-progress').textContent = '';
  showPrediction(prediction);
  noteAdaptation(prediction.adaptation);
  $('plots-status').textContent = 'Computing the plots…';
  try {
    const answeredPlots = await plotsPromise;
    if (clip !== chosen) return;
    plots = answeredPlots;
    $('plots-status').textContent = '';
    $('axis-end').textContent = `${plots.duration_s.toFixed(2)} s`;
    $('waveform').setAttribute('aria-label', `Waveform of ${name}, ${plots.duration_s.toFixed(1)} seconds`);
    $('spectrogram').setAttribute('aria-label',
      `Log-mel spectrogram of ${name}: ${plots.spectrogram.n_mels} mel bands up to ${plots.spectrogram.fmax_hz} Hz`);
    redrawPlots();
  } catch (e) {
    const { title, detail } = describe(e, `“${name}”`);
    $('plots-status').textContent = `The plots could not be computed: ${title}. ${detail}`;
  }
}

function setPlayer(audio) {
  if (objectUrl) URL.revokeObjectURL(objectUrl);
  objectUrl = URL.createObjectURL(audio);
  const player = $('player');
  player.src = objectUrl;
  player.hidden = false;
  $('chosen-file').hidden = false;
  plots = null;
}

function showPrediction(p) {
  $('result-area').hidden = false;
  $('result-file').textContent = `· ${p.file}, ${p.duration_s.toFixed(2)} s`;
  const big = $('result-emotion');
  const speech = hasSpeech(p);
  // Without speech there is no emotion to show: a plain statement and why, no confidence, no bars.
  big.textContent = speech ? p.emotion : 'No speech detected';
  big.classList.toggle('no-speech', !speech);
  big.style.background = colourOf(p.emotion);
  $('result-confidence').textContent = speech ? `${percent(p.confidence)} confident` : '';
  const reason = $('result-reason');
  reason.hidden = speech;
  reason.textContent = speech ? '' : `Nothing to classify: ${p.no_speech_reason || 'no speech was found'}. `
    + 'ser4j gives no emotion for silence or steady noise.';
  const bars = $('result-bars');
  bars.hidden = !speech;
  if (speech) drawBars(bars, p.all_scores);
  else bars.replaceChildren();

  const segments = p.segments || [];
  $('timeline-area').hidden = !segments.some(hasSpeech);
  drawTimeline($('timeline'), segments, p.duration_s, (s) => {
    const player = $('player');
    player.currentTime = s.start_s;
    player.play().catch(() => {});
  });
  showEmotionChart(segments, p.duration_s);

  const form = $('feedback-form');
  form.reset();
  form.querySelector('button[type="submit"]').disabled = false;
  $('right-emotion-row').hidden = true;
  // "Not correct" names what it should have been: never the answer itself (the server refuses that), and on a
  // no-speech answer (which then had speech) only an emotion.
  const select = $('right-emotion');
  for (const option of select.options) option.disabled = option.value === p.emotion;
  select.value = [...select.options].find((o) => !o.disabled).value;
  $('feedback-status').textContent = '';
  $('feedback-status').className = '';
}

/** The emotion-over-time chart and its legend, for clips with at least two stretches of speech. */
function showEmotionChart(segments, duration) {
  const speech = segments.filter(hasSpeech);
  const area = $('emotion-chart-area');
  area.hidden = speech.length < 2;
  if (area.hidden) return;
  const emotions = Object.keys(speech[0].all_scores);
  drawEmotionChart($('emotion-chart'), segments, duration, emotions);
  $('emotion-chart-end').textContent = `${duration.toFixed(1)} s`;
  $('emotion-chart-summary').textContent = `Scores of ${emotions.join(', ')} over ${duration.toFixed(1)} s, `
    + `stacked, for ${speech.length} stretches of speech; the segment buttons above play each stretch.`;
  $('emotion-chart-legend').replaceChildren(...emotions.map((emotion) => {
    const item = document.createElement('li');
    item.append(chip(emotion));
    return item;
  }));
}

function redrawPlots() {
  if (!plots) return;
  drawWaveform($('waveform'), plots.waveform);
  drawSpectrogram($('spectrogram'), plots.spectrogram);
}

async function sendFeedback(event) {
  event.preventDefault();
  const status = $('feedback-status');
  const choice = document.querySelector('input[name="correct"]:checked');
  if (!prediction || !choice) {
    status.textContent = 'Choose “Yes, correct” or “No, not correct” first.';
    return;
  }
  const correct = choice.value === 'true';
  const comment = $('comment').value.trim();
  const body = { correct, emotion: correct ? prediction.emotion : $('right-emotion').value };
  if (comment) body.comment = comment;
  const button = event.target.querySelector('button[type="submit"]');
  button.disabled = true;
  try {
    await postJson(`/api/v1/predictions/${prediction.id}/feedback`, body);
    status.className = 'ok';
    status.textContent = correct ? 'Thank you! Saved: the prediction was right.'
      : `Thank you! Saved: it was ${labelOf(body.emotion)}, not ${labelOf(prediction.emotion)}.`;
  } catch (e) {
    button.disabled = false;
    const { title, detail } = describe(e);
    status.className = '';
    status.textContent = `Feedback was not saved. ${title}: ${detail}`;
  }
}

// ------------------------------------------------------------------------------------------------ recording

let recording = null; // {mic, blocks, started, timer} while recording

async function toggleRecording() {
  const button = $('record-button');
  if (recording) {
    const { mic, blocks, timer } = recording;
    recording = null;
    clearInterval(timer);
    await mic.stop();
    button.textContent = '● Record';
    button.setAttribute('aria-pressed', 'false');
    $('record-time').textContent = '';
    const name = `recording-${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}.wav`;
    // Pressing Stop is the request: a recording is analysed at once, whatever the auto-analyse setting.
    choose(wavBlob(blocks, mic.sampleRate), name, true);
    return;
  }
  showError(null);
  const blocks = [];
  try {
    const mic = await openMicrophone((samples) => blocks.push(samples));
    const started = Date.now();
    const timer = setInterval(() => {
      $('record-time').textContent = `recording… ${((Date.now() - started) / 1000).toFixed(0)} s`;
    }, 250);
    recording = { mic, blocks, timer };
    button.textContent = '■ Stop';
    button.setAttribute('aria-pressed', 'true');
    $('record-time').textContent = 'recording…';
  } catch (e) {
    showError({ title: 'Recording did not start', detail: e.message });
  }
}

function showError(error) {
  const box = $('analyse-error');
  box.hidden = !error;
  box.replaceChildren();
  if (!error) return;
  const title = document.createElement('strong');
  title.textContent = error.title;
  box.append(title, document.createTextNode(error.detail));
}
