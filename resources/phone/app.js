// 手机理件: a staff phone as a scanner for the studio's PC (the API: docs/PHONE.md).
//
// Why it is built this way:
// - No sentence lives here: the PC sends its catalogue entries as `words` (GET /api/hello)
//   in the studio's language; the page fills `{placeholders}`.
// - A scan is written to IndexedDB before it is sent and removed only when the PC has
//   answered it, so a dropped Wi-Fi, a stopped PC or a reload never loses one; its `ref`
//   (a UUID) lets the PC apply it exactly once however often it is sent.
// - The camera reads continuously; a code counts after two identical reads in a row, and a
//   label that stays in view (or comes back within repeat_window_s) counts once.
// - BarcodeDetector where the browser has one, else the vendored ZXing WebAssembly reader,
//   loaded from this server only.
"use strict";

(() => {
  const FRAME_MS = 125; // about 8 frames a second: enough for a held label, light on the battery
  const BATCH_MAX = 200;
  const BACKOFF_MAX_MS = 30000;
  const WASM_URL = "/static/vendor/zxing-wasm/zxing_reader.wasm";
  const DETECTOR_FORMATS = ["code_128", "qr_code", "ean_13", "ean_8", "code_39", "upc_a", "itf"];
  const ZXING_FORMATS = ["Code128", "QRCode", "EAN13", "EAN8", "Code39", "UPCA", "ITF"];
  const SCANNING_STATIONS = ["send_out", "check_in"];
  // A copy of domain/palette.py, used only when the PC sends no `colours`.
  const FALLBACK_COLOURS = {
    registered: ["#9E9E9E", "#FFFFFF"],
    sent_out: ["#1E88E5", "#FFFFFF"],
    overdue: ["#FB8C00", "#FFFFFF"],
    partial: ["#FFB300", "#000000"],
    rework: ["#8E24AA", "#FFFFFF"],
    ready: ["#43A047", "#FFFFFF"],
    picked_up: ["#00695C", "#FFFFFF"],
    problem: ["#E53935", "#FFFFFF"],
    cancelled: ["#616161", "#FFFFFF"],
    ok: ["#43A047", "#FFFFFF"],
    warning: ["#FB8C00", "#FFFFFF"],
    refused: ["#E53935", "#FFFFFF"],
    info: ["#1E88E5", "#FFFFFF"],
  };
  // RESULT.colour as PHONE.md words it, to the palette's keys.
  const COLOUR_ALIASES = { ok: "ready", warning: "overdue", refused: "problem", info: "sent_out" };
  const VIBRATION = { accepted: 80, duplicate: [60, 80, 60], refused: [400, 120, 400, 120, 400] };

  const S = {
    screen: "connecting",
    words: {},
    colours: {},
    hello: null,
    me: null,
    station: null,
    vendor: null,
    batch: false,
    offline: false,
    fromMemory: false, // opened while the PC was away, as the operator logged in last
    pending: [], // mirror of IndexedDB, oldest first
    lastResult: null,
    lastLookup: null,
    batchResults: [],
    late: [],
    decoder: null,
    camera: false,
    message: "",
    loginBody: null,
  };

  const $ = (id) => document.getElementById(id);
  const plain = (value) => JSON.parse(JSON.stringify(value === undefined ? null : value));

  // -- words and colours ------------------------------------------------------------------
  function t(key, vars) {
    const text = Object.prototype.hasOwnProperty.call(S.words, key) ? S.words[key] : key;
    return text.replace(/\{(\w+)\}/g, (whole, name) =>
      vars && vars[name] !== undefined && vars[name] !== null ? String(vars[name]) : whole,
    );
  }

  function colour(key) {
    const alias = COLOUR_ALIASES[key];
    return (
      S.colours[key] || (alias && S.colours[alias]) || FALLBACK_COLOURS[key] || FALLBACK_COLOURS.info
    );
  }

  function paint(el, key) {
    const [background, text] = colour(key);
    el.style.background = background;
    el.style.color = text;
    el.dataset.colour = key || "";
  }

  function applyWords() {
    document.title = t("phone_page.title");
    document.documentElement.lang = S.hello && S.hello.lang === "en" ? "en" : "zh-CN";
    for (const el of document.querySelectorAll("[data-w]")) el.textContent = t(el.dataset.w);
    $("type-code").placeholder = t("phone_page.type.placeholder");
  }

  // -- talking to the PC ------------------------------------------------------------------
  // {status, data}; status 0 when the PC could not be reached at all.
  async function call(path, body) {
    const init = { method: body === undefined ? "GET" : "POST", credentials: "same-origin", headers: {} };
    if (body !== undefined) {
      if (S.me && S.me.csrf) init.headers["X-CSRF-Token"] = S.me.csrf;
      if (body instanceof Blob) {
        init.body = body;
        init.headers["Content-Type"] = body.type || "application/octet-stream";
      } else {
        init.body = JSON.stringify(body);
        init.headers["Content-Type"] = "application/json";
      }
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (error) {
      return { status: 0, data: null };
    }
    let data = null;
    try {
      data = await response.json();
    } catch (error) {
      data = null;
    }
    return { status: response.status, data };
  }

  const errorKey = (res) => (res.data && res.data.key) || "";
  const errorText = (res) =>
    (res.data && res.data.message) || t("phone_page.error", { message: String(res.status) });
  const unreachable = (res) => res.status === 0 || res.status >= 500 || res.status === 429;

  // -- scans kept on the phone (IndexedDB) ------------------------------------------------
  const store = {
    db: null,
    open() {
      if (this.db) return Promise.resolve(this.db);
      return new Promise((resolve, reject) => {
        const request = indexedDB.open("yinglou-phone", 1);
        request.onupgradeneeded = () =>
          request.result.createObjectStore("scans", { keyPath: "seq", autoIncrement: true });
        request.onsuccess = () => resolve((this.db = request.result));
        request.onerror = () => reject(request.error);
      });
    },
    async run(mode, work) {
      const db = await this.open();
      return new Promise((resolve, reject) => {
        const tx = db.transaction("scans", mode);
        const request = work(tx.objectStore("scans"));
        tx.oncomplete = () => resolve(request && request.result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    },
    all() {
      return this.run("readonly", (s) => s.getAll());
    },
    add(record) {
      return this.run("readwrite", (s) => s.add(record));
    },
    put(record) {
      return this.run("readwrite", (s) => s.put(record));
    },
    remove(seq) {
      return this.run("readwrite", (s) => s.delete(seq));
    },
  };

  function newRef() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  // -- sending, in order, until the PC has answered every scan ---------------------------
  const sender = { busy: false, failures: 0, timer: null };

  function kick() {
    if (sender.timer) clearTimeout(sender.timer);
    sender.timer = null;
    sender.failures = 0;
    pump();
  }

  function retryLater() {
    sender.failures += 1;
    const delay = Math.min(BACKOFF_MAX_MS, 1000 * 2 ** Math.min(sender.failures - 1, 5));
    if (sender.timer) clearTimeout(sender.timer);
    sender.timer = setTimeout(() => {
      sender.timer = null;
      pump();
    }, delay);
  }

  function sendable() {
    return S.pending.filter((p) => !p.batch || p.submitted);
  }

  function nextGroup() {
    const ready = sendable();
    if (!ready.length) return [];
    const first = ready[0];
    if (!first.batch) return [first];
    const group = [];
    for (const p of ready) {
      if (!p.batch || p.station !== first.station || p.vendor_id !== first.vendor_id) break;
      group.push(p);
      if (group.length === BATCH_MAX) break;
    }
    return group;
  }

  async function pump() {
    if (sender.busy || !S.me) return;
    sender.busy = true;
    let csrfRenewed = false;
    try {
      for (;;) {
        const group = nextGroup();
        if (!group.length) break;
        const first = group[0];
        const res = first.batch
          ? await call("/api/batch", {
              station: first.station,
              vendor_id: first.vendor_id,
              scans: group.map((p) => ({ code: p.code, ref: p.ref, at: p.at })),
            })
          : await call("/api/scan", {
              station: first.station,
              code: first.code,
              ref: first.ref,
              at: first.at,
              vendor_id: first.vendor_id,
            });
        const results = res.status === 200 && res.data && (first.batch ? res.data.results : [res.data]);
        if (results && results.length === group.length) {
          setOffline(false);
          sender.failures = 0;
          for (let i = 0; i < group.length; i++) await answered(group[i], results[i]);
          continue;
        }
        if (unreachable(res) || res.status === 200) {
          for (const p of group) {
            if (!p.late) {
              p.late = true;
              await store.put(p);
            }
          }
          setOffline(true);
          retryLater();
          break;
        }
        const key = errorKey(res);
        if (res.status === 401) {
          sessionLost(t("phone_page.logged_out"));
          break;
        }
        if (key === "phone_web.csrf" && !csrfRenewed && (await refreshMe())) {
          csrfRenewed = true; // once: a token that still fails is not tried forever
          continue;
        }
        if (key === "phone_web.awaiting_approval" || key === "phone_web.revoked") {
          sessionLost(errorText(res));
          break;
        }
        // The PC answered and will never apply these: shown like a refusal.
        for (const p of group) {
          await answered(p, {
            ref: p.ref,
            code: p.code,
            outcome: "refused",
            colour: "refused",
            message: errorText(res),
            message_key: key,
          });
        }
      }
    } finally {
      sender.busy = false;
      render();
    }
  }

  async function answered(record, result) {
    if (!result) return;
    await store.remove(record.seq);
    S.pending = S.pending.filter((p) => p.seq !== record.seq);
    if (record.late && result.outcome === "refused") {
      S.late.push({ code: record.code, at: record.at, message: result.message, ref: record.ref });
    }
    if (record.batch) {
      S.batchResults.push({ code: record.code, ref: record.ref, result });
    } else {
      showResult(result);
    }
    if (record.batch) feedback(result.outcome);
  }

  function setOffline(offline) {
    S.offline = offline;
    render();
  }

  async function refreshMe() {
    const res = await call("/api/me");
    if (res.status === 200 && res.data) {
      S.me = res.data;
      remember("yl-me", res.data);
      return true;
    }
    return false;
  }

  // -- what a scan does -------------------------------------------------------------------
  let loginBusy = false;

  async function scanned(code, how) {
    code = String(code).trim();
    if (!code) return;
    if (S.screen === "login") {
      if (!loginBusy) await logIn({ badge: code });
      return;
    }
    if (S.screen !== "scan" || !S.station) return;
    if (!SCANNING_STATIONS.includes(S.station)) {
      await lookUp(code);
      return;
    }
    const record = {
      ref: newRef(),
      code,
      at: new Date().toISOString(),
      station: S.station,
      vendor_id: S.vendor,
      batch: S.batch,
      submitted: false,
      late: S.offline,
      how,
    };
    record.seq = await store.add(record); // kept before it is sent
    S.pending.push(record);
    if (record.batch) {
      feedback("accepted");
      render();
    } else {
      kick();
      render();
    }
  }

  async function lookUp(code) {
    const res = await call("/api/lookup", { code, station: S.station });
    if (res.status === 200 && res.data) {
      setOffline(false);
      S.lastLookup = { code, orders: res.data.orders || [] };
      feedback(S.lastLookup.orders.length ? "accepted" : "duplicate");
    } else {
      if (unreachable(res)) setOffline(true);
      if (res.status === 401) return sessionLost(t("phone_page.logged_out"));
      S.lastLookup = { code, orders: [], error: unreachable(res) ? t("phone_page.offline") : errorText(res) };
      feedback("refused");
    }
    renderLookup();
  }

  const sounds = {};
  function feedback(outcome) {
    try {
      if (!sounds[outcome]) sounds[outcome] = new Audio(`/static/sounds/${outcome}.wav`);
      const audio = sounds[outcome];
      audio.currentTime = 0;
      const played = audio.play();
      if (played && played.catch) played.catch(() => {});
    } catch (error) {
      // a phone that refuses sound still shows the colour and the words
    }
    if (navigator.vibrate) navigator.vibrate(VIBRATION[outcome] || 80);
  }

  function showResult(result) {
    S.lastResult = result;
    const el = $("result");
    el.hidden = false;
    el.dataset.outcome = result.outcome || "";
    paint(el, result.colour);
    $("result-outcome").textContent = t(`phone_page.outcome.${result.outcome}`);
    $("result-message").textContent = result.message || "";
    $("result-shelf").textContent = result.shelf_slot
      ? t("phone_page.result.shelf", { slot: result.shelf_slot })
      : "";
    $("result-received").textContent =
      result.total && S.station === "check_in"
        ? t("phone_page.result.received", { received: result.received, total: result.total })
        : "";
    const who = [];
    if (result.customer)
      who.push(t("phone_page.result.customer", { customer: result.customer, tail: result.phone_tail || "" }));
    if (result.order_no) who.push(t("phone_page.result.order", { order_no: result.order_no }));
    $("result-customer").textContent = who.join("  ");
    $("result-already").hidden = !result.already_recorded;
    feedback(result.outcome);
  }

  // -- logging in -------------------------------------------------------------------------
  function defaultPhoneName() {
    const ua = navigator.userAgent || "";
    const android = ua.match(/Android[^;)]*;\s*([^;)]+?)(?:\s+Build\/[^;)]*)?[;)]/);
    if (android && android[1] && !/^(wv|K)$/.test(android[1].trim())) return android[1].trim();
    for (const name of ["iPhone", "iPad", "Android", "Windows", "Macintosh", "Linux"]) {
      if (ua.includes(name)) return name;
    }
    return "phone";
  }

  async function logIn(body) {
    const phone = S.hello && S.hello.phone;
    if (!phone || !phone.known || !phone.name) {
      body = { ...body, phone_name: $("phone-name").value.trim() || defaultPhoneName() };
    }
    loginBusy = true;
    say("login-message", t("phone_page.login.checking"));
    const res = await call("/api/login", body);
    loginBusy = false;
    if (res.status === 200 && res.data) {
      S.loginBody = null;
      say("login-message", "");
      if (S.hello) S.hello.phone = { known: true, approved: true, name: res.data.phone };
      await loggedIn(res.data);
      return;
    }
    const key = errorKey(res);
    if (key === "phone_web.awaiting_approval") {
      S.loginBody = body;
      if (S.hello) S.hello.phone = { known: true, approved: false, name: body.phone_name || phone.name };
      $("awaiting-text").textContent = t("phone_page.awaiting.text", {
        phone: body.phone_name || (phone && phone.name) || "",
      });
      say("awaiting-message", "");
      go("awaiting");
      return;
    }
    const where = S.screen === "awaiting" ? "awaiting-message" : "login-message";
    say(where, unreachable(res) && res.status !== 429 ? t("phone_page.unreachable") : errorText(res));
  }

  async function loggedIn(me) {
    // The badge stays in the window's memory: still in view after log-in, it is no item.
    S.me = me;
    remember("yl-me", me);
    const saved = localStorage.getItem("yl-station");
    const choice = saved ? JSON.parse(saved) : null;
    if (choice && me.stations.includes(choice.station)) {
      chooseStation(choice.station, choice.vendor);
    } else {
      go("station");
    }
    kick();
  }

  function sessionLost(message) {
    S.me = null;
    localStorage.removeItem("yl-me");
    reads.seen.clear();
    go("login");
    say("login-message", message);
  }

  // -- screens ----------------------------------------------------------------------------
  const CAMERA_SCREENS = ["login", "scan"];

  function go(screen) {
    S.screen = screen;
    for (const section of document.querySelectorAll(".screen")) {
      section.hidden = section.id !== `screen-${screen}`;
    }
    if (CAMERA_SCREENS.includes(screen)) {
      const slot = document.querySelector(`#screen-${screen} .camera-slot`);
      slot.appendChild($("camera"));
      startCamera();
    } else {
      stopCamera();
    }
    if (screen === "login") {
      const phone = S.hello && S.hello.phone;
      const first = !phone || !phone.known || !phone.name;
      $("phone-name-box").hidden = !first;
      if (first && !$("phone-name").value) $("phone-name").value = defaultPhoneName();
    }
    if (screen === "station") renderStations();
    render();
  }

  function renderStations() {
    const box = $("stations");
    box.textContent = "";
    $("vendor-box").hidden = true;
    const stations = (S.me && S.me.stations) || [];
    if (!stations.length) {
      box.textContent = t("phone_page.station.none");
      return;
    }
    for (const station of stations) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "big";
      button.dataset.station = station;
      button.textContent = t(`phone_page.station.${station}`);
      button.addEventListener("click", () => {
        if (station === "send_out") renderVendors();
        else chooseStation(station, null);
      });
      box.appendChild(button);
    }
  }

  function renderVendors() {
    const box = $("vendors");
    box.textContent = "";
    for (const vendor of (S.me && S.me.vendors) || []) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "big";
      button.dataset.vendor = String(vendor.id);
      button.textContent = vendor.name;
      button.addEventListener("click", () => chooseStation("send_out", vendor.id));
      box.appendChild(button);
    }
    $("vendor-box").hidden = false;
  }

  function chooseStation(station, vendor) {
    S.station = station;
    S.vendor = vendor === undefined ? null : vendor;
    S.lastLookup = null;
    localStorage.setItem("yl-station", JSON.stringify({ station, vendor: S.vendor }));
    const scanning = SCANNING_STATIONS.includes(station);
    if (!scanning) S.batch = false;
    $("batch-toggle").checked = S.batch;
    $("batch-toggle-box").hidden = !scanning;
    $("result").hidden = true;
    go("scan");
  }

  function say(id, text) {
    $(id).textContent = text || "";
    S.message = text || "";
  }

  function render() {
    const inSession = !!S.me && ["station", "scan"].includes(S.screen);
    $("bar").hidden = !inSession;
    if (S.me) $("who").textContent = t("phone_page.who", { operator: S.me.operator, phone: S.me.phone });
    $("change-station").hidden = S.screen !== "scan";
    let stationName = "";
    if (S.station && S.screen === "scan") {
      stationName = t(`phone_page.station.${S.station}`);
      const vendor = ((S.me && S.me.vendors) || []).find((v) => v.id === S.vendor);
      if (vendor) stationName += ` · ${t("phone_page.vendor.current", { vendor: vendor.name })}`;
    }
    $("station-name").textContent = stationName;
    const waiting = sendable().length;
    $("pending").hidden = waiting === 0;
    $("pending").textContent = t("phone_page.pending", { count: waiting });
    $("offline").hidden = !S.offline;
    renderBatch();
    renderLate();
  }

  function renderBatch() {
    const box = $("batch");
    const lines = S.pending.filter((p) => p.batch);
    box.hidden = !(S.screen === "scan" && (S.batch || lines.length || S.batchResults.length));
    if (box.hidden) return;
    const unsent = lines.filter((p) => !p.submitted);
    $("batch-count").textContent = unsent.length
      ? t("phone_page.batch.count", { count: unsent.length })
      : t("phone_page.batch.empty");
    const list = $("batch-lines");
    list.textContent = "";
    for (const done of S.batchResults) {
      const li = line(done.code, `${t(`phone_page.outcome.${done.result.outcome}`)} ${done.result.message || ""}`);
      li.dataset.outcome = done.result.outcome;
      paint(li, done.result.colour);
      list.appendChild(li);
    }
    for (const p of lines) {
      const li = line(p.code, t(p.submitted ? "phone_page.batch.queued" : "phone_page.batch.waiting"));
      li.dataset.outcome = "";
      if (!p.submitted) {
        const remove = document.createElement("button");
        remove.type = "button";
        remove.textContent = t("phone_page.batch.remove");
        remove.addEventListener("click", async () => {
          await store.remove(p.seq);
          S.pending = S.pending.filter((q) => q.seq !== p.seq);
          render();
        });
        li.appendChild(remove);
      }
      list.appendChild(li);
    }
    $("batch-submit").hidden = !unsent.length;
    $("batch-clear").hidden = !S.batchResults.length;
  }

  function line(code, text) {
    const li = document.createElement("li");
    li.dataset.code = code;
    const c = document.createElement("span");
    c.className = "code";
    c.textContent = code;
    const w = document.createElement("span");
    w.className = "words";
    w.textContent = text;
    li.append(c, w);
    return li;
  }

  function renderLate() {
    $("late").hidden = !(S.late.length && S.screen === "scan");
    const list = $("late-lines");
    list.textContent = "";
    for (const late of S.late) {
      const li = line(late.code, late.message || "");
      paint(li, "refused");
      list.appendChild(li);
    }
  }

  function renderLookup() {
    const box = $("lookup");
    box.hidden = !S.lastLookup;
    box.textContent = "";
    if (!S.lastLookup) return;
    const { code, orders, error } = S.lastLookup;
    if (error || !orders.length) {
      const p = document.createElement("p");
      p.className = "message";
      p.textContent = error || t("phone_page.lookup.nothing", { code });
      box.appendChild(p);
      return;
    }
    for (const order of orders) {
      const card = document.createElement("article");
      card.className = "order";
      card.dataset.order = order.order_no;
      const head = document.createElement("h2");
      head.textContent = `${t("phone_page.result.order", { order_no: order.order_no })}  ${t(
        "phone_page.result.customer",
        { customer: order.customer, tail: order.phone_tail || "" },
      )}`;
      const sub = document.createElement("p");
      const parts = [order.progress || "", t("phone_page.lookup.ready", { ready: order.ready, total: order.total })];
      if (order.balance) parts.push(t("phone_page.lookup.balance", { balance: order.balance }));
      sub.textContent = parts.filter(Boolean).join(" · ");
      const list = document.createElement("ol");
      list.className = "lines";
      for (const item of order.items || []) {
        const text = [item.product, item.state_text];
        if (item.shelf_slot) text.push(t("phone_page.lookup.slot", { slot: item.shelf_slot }));
        const li = line(item.code, text.filter(Boolean).join(" · "));
        li.dataset.state = item.state;
        paint(li, item.state);
        list.appendChild(li);
      }
      card.append(head, sub, list);
      box.appendChild(card);
    }
  }

  // -- the camera -------------------------------------------------------------------------
  const camera = { stream: null, timer: null, starting: false, generation: 0 };
  const reads = { previous: new Set(), seen: new Map() };
  let decode = null;

  function cameraStatus(text) {
    $("camera-status").textContent = text;
  }

  function offerPhoto(text) {
    $("photo-box").hidden = false;
    cameraStatus(text);
  }

  async function startCamera() {
    $("camera").hidden = false;
    if (camera.stream || camera.starting) return;
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      S.camera = false;
      offerPhoto(t("phone_page.camera.untrusted"));
      return;
    }
    camera.starting = true;
    const generation = ++camera.generation;
    cameraStatus(t("phone_page.camera.starting"));
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: false,
        video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 }, height: { ideal: 720 } },
      });
    } catch (error) {
      camera.starting = false;
      S.camera = false;
      offerPhoto(t("phone_page.camera.failed", { error: error && error.name ? error.name : String(error) }));
      return;
    }
    camera.starting = false;
    if (generation !== camera.generation || !CAMERA_SCREENS.includes(S.screen)) {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    camera.stream = stream;
    const video = $("video");
    video.srcObject = stream;
    try {
      await video.play();
    } catch (error) {
      // autoplay of a muted video is allowed; a refusal only delays the first frame
    }
    S.camera = true;
    try {
      await prepareDecoder();
    } catch (error) {
      offerPhoto(t("phone_page.camera.failed", { error: String(error) }));
      return;
    }
    cameraStatus(t("phone_page.camera.aim"));
    reads.previous = new Set();
    tick(generation);
  }

  function stopCamera() {
    camera.generation += 1;
    if (camera.timer) clearTimeout(camera.timer);
    camera.timer = null;
    if (camera.stream) for (const track of camera.stream.getTracks()) track.stop();
    camera.stream = null;
    $("video").srcObject = null;
    $("camera").hidden = true;
    S.camera = false;
  }

  async function prepareDecoder() {
    if (decode) return;
    if ("BarcodeDetector" in window) {
      try {
        const supported = await window.BarcodeDetector.getSupportedFormats();
        const formats = DETECTOR_FORMATS.filter((f) => supported.includes(f));
        if (formats.includes("code_128")) {
          const detector = new window.BarcodeDetector({ formats });
          decode = async (video) => (await detector.detect(video)).map((b) => b.rawValue);
          S.decoder = "BarcodeDetector";
          return;
        }
      } catch (error) {
        // fall through to the WebAssembly reader
      }
    }
    const zxing = window.ZXingWASM;
    await zxing.prepareZXingModule({
      overrides: {
        locateFile: (path, prefix) => (path.endsWith(".wasm") ? WASM_URL : prefix + path),
      },
      fireImmediately: true,
    });
    const canvas = $("frame");
    const context = canvas.getContext("2d", { willReadFrequently: true });
    decode = async (video) => {
      const scale = Math.min(1, 1280 / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const found = await zxing.readBarcodes(image, {
        formats: ZXING_FORMATS,
        tryHarder: true,
        maxNumberOfSymbols: 4,
      });
      return found.filter((b) => b.isValid).map((b) => b.text);
    };
    S.decoder = "zxing-wasm";
  }

  async function tick(generation) {
    if (generation !== camera.generation) return;
    const started = performance.now();
    const video = $("video");
    if (video.readyState >= 2 && video.videoWidth) {
      let codes = [];
      try {
        codes = await decode(video);
      } catch (error) {
        codes = [];
      }
      if (generation !== camera.generation) return;
      await frameRead(codes);
    }
    if (generation !== camera.generation) return;
    const wait = Math.max(10, FRAME_MS - (performance.now() - started));
    camera.timer = setTimeout(() => tick(generation), wait);
  }

  // Two identical reads in a row make a scan; a label still in view, or back within the
  // repeat window, is the same scan.
  async function frameRead(codes) {
    const now = Date.now();
    const windowMs = ((S.me && S.me.repeat_window_s) || 3) * 1000;
    const current = new Set(codes);
    for (const code of current) {
      if (!reads.previous.has(code)) continue;
      const last = reads.seen.get(code);
      reads.seen.set(code, now);
      if (last === undefined || now - last > windowMs) await scanned(code, "camera");
    }
    reads.previous = current;
  }

  async function photoTaken(file) {
    cameraStatus(t("phone_page.photo.reading"));
    // Before log-in only a badge is looked for (and no session is needed).
    const res = await call(S.screen === "login" ? "/api/photo-login" : "/api/photo", file);
    if (res.status !== 200 || !res.data) {
      if (unreachable(res)) setOffline(true);
      cameraStatus(unreachable(res) ? t("phone_page.unreachable") : errorText(res));
      return;
    }
    const codes = res.data.codes || [];
    cameraStatus(codes.length ? "" : t("phone_page.photo.nothing"));
    for (const code of codes) {
      await scanned(code, "photo");
      if (S.screen !== "scan") break; // a badge logs in once
    }
  }

  // -- starting up ------------------------------------------------------------------------
  let helloFailures = 0;

  async function hello() {
    go("connecting");
    const res = await call("/api/hello");
    if (res.status !== 200 || !res.data) {
      if (!S.hello && (await startFromMemory())) return;
      go("unreachable");
      helloFailures += 1;
      setTimeout(hello, Math.min(BACKOFF_MAX_MS, 2000 * helloFailures));
      return;
    }
    helloFailures = 0;
    S.hello = res.data;
    S.words = res.data.words || {};
    S.colours = res.data.colours || {};
    S.fromMemory = false;
    remember("yl-hello", { ...res.data, session: null });
    applyWords();
    if (res.data.session) await loggedIn(res.data.session);
    else {
      localStorage.removeItem("yl-me");
      go("login");
    }
  }

  // The page opened while the PC cannot be reached (the service worker gave it from its
  // cache): carry on as the operator who was logged in, with the words the PC sent last
  // time; scans are kept on the phone and sent, with the same session, once the PC answers.
  // A session the PC no longer accepts then asks for the badge again; nothing is lost.
  async function startFromMemory() {
    const hello = recall("yl-hello");
    const me = recall("yl-me");
    if (!hello || !me) return false;
    S.hello = hello;
    S.words = hello.words || {};
    S.colours = hello.colours || {};
    S.fromMemory = true;
    applyWords();
    S.offline = true;
    await loggedIn(me);
    retryLater();
    return true;
  }

  function remember(key, value) {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      /* a full or private store: the page still works while the PC answers */
    }
  }

  function recall(key) {
    try {
      return JSON.parse(localStorage.getItem(key) || "null");
    } catch (error) {
      return null;
    }
  }

  function wire() {
    $("password-form").addEventListener("submit", (event) => {
      event.preventDefault();
      logIn({ name: $("login-name").value.trim(), password: $("login-password").value });
      $("login-password").value = "";
    });
    $("awaiting-retry").addEventListener("click", () => {
      if (S.loginBody) logIn(S.loginBody);
      else go("login");
    });
    $("unreachable-retry").addEventListener("click", hello);
    $("logout").addEventListener("click", async () => {
      await call("/api/logout", {});
      S.me = null;
      localStorage.removeItem("yl-me");
      S.station = null;
      reads.seen.clear();
      localStorage.removeItem("yl-station");
      go("login");
    });
    $("change-station").addEventListener("click", () => go("station"));
    $("batch-toggle").addEventListener("change", () => {
      S.batch = $("batch-toggle").checked;
      render();
    });
    $("batch-submit").addEventListener("click", async () => {
      for (const p of S.pending) {
        if (p.batch && !p.submitted) {
          p.submitted = true;
          await store.put(p);
        }
      }
      S.batchResults = [];
      kick();
      render();
    });
    $("batch-clear").addEventListener("click", () => {
      S.batchResults = [];
      render();
    });
    $("late-clear").addEventListener("click", () => {
      S.late = [];
      render();
    });
    $("type-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const code = $("type-code").value;
      $("type-code").value = "";
      scanned(code, "typed");
    });
    $("photo").addEventListener("change", () => {
      const file = $("photo").files[0];
      $("photo").value = "";
      if (file) photoTaken(file);
    });
    window.addEventListener("online", kick);
    document.addEventListener("visibilitychange", () => {
      if (document.hidden) stopCamera();
      else if (CAMERA_SCREENS.includes(S.screen)) startCamera();
    });
  }

  // What a test reads instead of scraping the screen: plain JSON only.
  window.ylPhone = {
    state: () =>
      plain({
        screen: S.screen,
        station: S.station,
        vendor_id: S.vendor,
        batch: S.batch,
        offline: S.offline,
        from_memory: Boolean(S.fromMemory),
        operator: S.me && S.me.operator,
        phone: S.me ? S.me.phone : S.hello && S.hello.phone && S.hello.phone.name,
        decoder: S.decoder,
        camera: S.camera,
        pending: sendable().length,
        message: S.message,
        late: S.late,
        batch_results: S.batchResults.map((b) => b.result),
        lookup: S.lastLookup,
      }),
    pending: () =>
      plain(
        S.pending.map((p) => ({
          ref: p.ref,
          code: p.code,
          at: p.at,
          station: p.station,
          batch: p.batch,
          submitted: p.submitted,
        })),
      ),
    lastResult: () => plain(S.lastResult),
  };

  async function start() {
    wire();
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.register("/sw.js").catch(() => {
        /* no worker (an untrusted certificate): the page works while the PC answers */
      });
    }
    try {
      S.pending = ((await store.all()) || []).sort((a, b) => a.seq - b.seq);
    } catch (error) {
      S.pending = [];
    }
    await hello();
  }

  start();
})();
