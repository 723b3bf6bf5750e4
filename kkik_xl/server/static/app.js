// Upload page: send the workbook to the API, list the findings by severity, offer the downloads.
"use strict";
(function () {
  const GROUPS = [["error", "Fel"], ["warning", "Varningar"], ["info", "Upplysningar"]];
  const form = document.getElementById("upload");
  const status = document.getElementById("status");
  const result = document.getElementById("result");
  let lastForm = null;

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  async function errorText(response) {
    try { return (await response.json()).error || "Okänt fel."; } catch (e) { return "Okänt fel (" + response.status + ")."; }
  }

  function table(findings) {
    const t = el("table");
    const head = t.createTHead().insertRow();
    ["Blad", "Cell", "Kod", "Meddelande", "Motivering"].forEach((h) => head.appendChild(el("th", h)));
    const body = t.createTBody();
    findings.forEach((f) => {
      const row = body.insertRow();
      [f.sheet || "", f.cell || "", f.code, f.message, f.justification || ""].forEach((v) => row.appendChild(el("td", v)));
    });
    return t;
  }

  function show(report) {
    const box = document.getElementById("findings");
    box.replaceChildren();
    const c = report.counts;
    document.getElementById("summary").textContent = "Kontroll av " + report.file + " (mall " + report.template +
      ", år " + report.year + "): " + c.error + " fel, " + c.warning + " varningar, " + c.info + " upplysningar.";
    GROUPS.forEach(([key, title]) => {
      const group = report.findings.filter((f) => f.severity === key);
      if (group.length === 0) return;
      box.appendChild(el("h3", title + " (" + group.length + ")", key));
      box.appendChild(table(group));
    });
    if (report.findings.length === 0) box.appendChild(el("p", "Inga anmärkningar."));
    result.hidden = false;
    document.getElementById("summary").focus();
  }

  function download(blob, name) {
    const link = el("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  function fileName(response, fallback) {
    const header = response.headers.get("content-disposition") || "";
    const match = /filename\*=UTF-8''([^;]+)/.exec(header);
    return match ? decodeURIComponent(match[1]) : fallback;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    lastForm = new FormData(form);
    result.hidden = true;
    status.textContent = "Kontrollerar …";
    const response = await fetch("/api/validate", { method: "POST", body: lastForm });
    if (!response.ok) { status.replaceChildren(el("span", await errorText(response), "error")); return; }
    status.textContent = "";
    show(await response.json());
  });

  document.getElementById("mark").addEventListener("click", async () => {
    status.textContent = "Skriver den markerade kopian …";
    const response = await fetch("/api/mark", { method: "POST", body: lastForm });
    if (!response.ok) { status.replaceChildren(el("span", await errorText(response), "error")); return; }
    download(await response.blob(), fileName(response, "kontrollerad.xlsx"));
    status.textContent = "Den markerade kopian är nedladdad.";
  });

  document.getElementById("submit").addEventListener("click", async () => {
    const box = document.getElementById("submit-status");
    box.textContent = "Skapar inlämningsfilen …";
    const store = document.getElementById("store").checked ? "?store=true" : "";
    const response = await fetch("/api/submit" + store, { method: "POST", body: lastForm });
    if (response.ok) {
      download(await response.blob(), fileName(response, "inlamning.kkik.json"));
      box.textContent = store ? "Inlämningsfilen är nedladdad och sparad hos samordnaren." : "Inlämningsfilen är nedladdad.";
      return;
    }
    const data = await response.json().catch(() => ({}));
    box.replaceChildren(el("p", data.error || "Inlämningen skapades inte.", "error"));
    const list = el("ul");
    (data.reasons || []).slice(0, 50).forEach((r) => list.appendChild(el("li", r)));
    box.appendChild(list);
  });
})();
