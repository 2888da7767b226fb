// The /explore page: plain browser JavaScript over the public GraphQL API and GET /export/quotes only.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const state = { speaker: null, after: null, search: "", plot: null, typing: 0 };

  async function gql(query, variables) {
    const res = await fetch("/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
    const body = await res.json();
    if (body.errors) throw new Error(body.errors[0].message);
    return body.data;
  }
  const status = (text) => ($("status").textContent = text || "");
  const cell = (tr, text, cls) => {
    const td = tr.insertCell();
    td.textContent = text;
    if (cls) td.className = cls;
    return td;
  };

  // Speaker search as you type.
  $("speaker").addEventListener("input", () => {
    const text = $("speaker").value.trim();
    const mine = ++state.typing;
    if (text.length < 2) return void ($("suggestions").hidden = true);
    setTimeout(async () => {
      if (mine !== state.typing) return;
      try {
        const data = await gql(`query($s: String!){ speakers(search: $s, first: 10){ edges{ node{ id name role quoteCount } } } }`, { s: text });
        if (mine !== state.typing) return;
        const list = $("suggestions");
        list.replaceChildren();
        for (const { node } of data.speakers.edges) {
          const li = document.createElement("li");
          li.textContent = `${node.name}${node.role ? ` (${node.role})` : ""} · ${node.quoteCount} quotes`;
          li.dataset.id = node.id;
          li.addEventListener("click", () => pick(node));
          list.appendChild(li);
        }
        list.hidden = list.children.length === 0;
      } catch (err) {
        status(err.message);
      }
    }, 150);
  });

  $("interval").addEventListener("change", () => state.speaker && load());
  $("search").addEventListener("change", () => {
    state.search = $("search").value.trim();
    loadQuotes(true);
  });
  $("more").addEventListener("click", () => loadQuotes(false));

  function pick(speaker) {
    state.speaker = speaker;
    $("speaker").value = speaker.name;
    $("suggestions").hidden = true;
    state.search = "";
    $("search").value = "";
    load();
  }

  async function load() {
    status("");
    const s = state.speaker;
    $("view").hidden = false;
    $("title").textContent = s.name;
    const exp = $("export");
    exp.href = `/export/quotes?${new URLSearchParams({ speakerId: s.id, format: "csv" })}`;
    exp.setAttribute("download", `${s.name.replace(/\W+/g, "-").toLowerCase()}.csv`);
    exp.hidden = false;
    try {
      const data = await gql(
        `query($id: ID!, $i: StatsInterval!){ speaker(id: $id){ timeline(interval: $i){ period count articles }
          outlets(first: 10){ outlet{ name } count articles } coQuoted(first: 10){ speaker{ id name role } sharedArticles } } }`,
        { id: s.id, i: $("interval").value },
      );
      plot(data.speaker.timeline);
      const outlets = $("outlets").tBodies[0];
      outlets.replaceChildren();
      for (const o of data.speaker.outlets) {
        const tr = outlets.insertRow();
        cell(tr, o.outlet.name);
        cell(tr, `${o.count} quotes`, "n");
        cell(tr, `${o.articles} articles`, "n");
      }
      const co = $("coquoted").tBodies[0];
      co.replaceChildren();
      for (const c of data.speaker.coQuoted) {
        const tr = co.insertRow();
        const a = document.createElement("a");
        a.href = "#";
        a.textContent = c.speaker.name;
        a.addEventListener("click", (e) => (e.preventDefault(), pick({ id: c.speaker.id, name: c.speaker.name })));
        cell(tr, "").appendChild(a);
        cell(tr, `${c.sharedArticles} shared articles`, "n");
      }
      await loadQuotes(true);
    } catch (err) {
      status(err.message);
    }
  }

  function plot(points) {
    const el = $("plot");
    el.dataset.periods = String(points.length);
    el.dataset.total = String(points.reduce((n, p) => n + p.count, 0));
    el.dataset.counts = points.map((p) => p.count).join(",");
    const xs = points.map((p) => Date.parse(p.period) / 1000);
    const ys = points.map((p) => p.count);
    if (state.plot) state.plot.destroy();
    state.plot = new uPlot(
      {
        width: Math.min(1060, el.clientWidth || 1060),
        height: 260,
        series: [{}, { label: "quotes", stroke: "#3355aa", fill: "rgba(51,85,170,.15)", points: { show: points.length < 60 } }],
        axes: [{}, { label: "quotes" }],
        scales: { x: { time: true } },
      },
      [xs, ys],
      el,
    );
  }

  async function loadQuotes(fresh) {
    if (fresh) {
      state.after = null;
      $("quotes").tBodies[0].replaceChildren();
    }
    const filter = { speakerId: state.speaker.id };
    if (state.search) filter.search = state.search;
    try {
      const data = await gql(
        `query($f: QuoteFilterInput, $after: String){ quotes(filter: $f, first: 20, after: $after){ totalCount pageInfo{ hasNextPage endCursor }
          edges{ node{ id text kind article{ title url slug publishedAt outlet{ name } } } } } }`,
        { f: filter, after: state.after },
      );
      const body = $("quotes").tBodies[0];
      for (const { node } of data.quotes.edges) {
        const tr = body.insertRow();
        tr.dataset.id = node.id;
        cell(tr, (node.article.publishedAt || "").slice(0, 10), "muted");
        cell(tr, `“${node.text}”`);
        const link = document.createElement("a");
        link.textContent = node.article.title;
        link.href = node.article.url || `/graphql`;
        link.target = "_blank";
        link.rel = "noopener";
        const td = cell(tr, "");
        td.appendChild(link);
        if (node.article.outlet) td.append(` · ${node.article.outlet.name}`);
      }
      $("quote-count").textContent = `${body.rows.length} of ${data.quotes.totalCount}`;
      state.after = data.quotes.pageInfo.endCursor;
      $("more").hidden = !data.quotes.pageInfo.hasNextPage;
    } catch (err) {
      status(err.message);
    }
  }
})();
