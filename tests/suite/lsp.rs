//! `glossgen lsp` spoken to over stdio by a JSON-RPC client, as an editor would: findings from unsaved
//! buffers (in this file and the files an edit affects), completion, hover, definition, references,
//! symbols, rename (the same files as `glossgen mv`) and code actions.

use serde_json::{Value, json};

use crate::common::lsp::{Client, apply, position_of, uri};
use crate::common::{glossgen, own_site, snapshot, stderr};

const PROMPT: &str = "content/nl/prompt.md";

fn read(root: &std::path::Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap()
}

fn codes(list: &[Value]) -> Vec<String> {
    list.iter().map(|d| d["code"].as_str().unwrap_or_default().to_string()).collect()
}

#[test]
fn findings_follow_the_unsaved_buffer_with_utf16_columns_and_clear_when_fixed() {
    let dir = own_site("partial-translation");
    let root = dir.path();
    let mut client = Client::start(root);
    let prompt_uri = uri(root, PROMPT);
    // The site's own findings arrive first: the Dutch prompt links to untranslated concepts.
    let first = client.diagnostics(&prompt_uri, |list| !list.is_empty());
    assert!(codes(&first).contains(&"untranslated-link".to_string()), "{first:?}");
    assert!(first.iter().all(|d| d["severity"] == 2), "only warnings: {first:?}");
    let temperature = first.iter().find(|d| d["message"].as_str().unwrap().contains("temperature")).unwrap();
    assert_eq!(temperature["severity"], 2, "a warning");
    assert_eq!(temperature["source"], "glossgen");
    assert!(temperature["relatedInformation"][0]["message"].as_str().is_some_and(|h| !h.is_empty()), "{temperature}");

    let saved = read(root, PROMPT);
    client.open(PROMPT, &saved);
    let broken = saved.replace("De [[Temperature]]", "Één 🙂 [[Nergens]] en de [[Temperature]]");
    client.change(PROMPT, 2, &broken);
    let list =
        client.diagnostics(&prompt_uri, |list| list.iter().any(|d| d["message"].as_str().unwrap().contains("Nergens")));
    let error = list.iter().find(|d| d["message"].as_str().unwrap().contains("Nergens")).unwrap();
    assert_eq!(error["severity"], 1, "{error}");
    assert_eq!(error["code"], "build");
    // `Één 🙂 ` is 7 UTF-16 units: the emoji counts twice.
    let expected = position_of(&broken, "[[Nergens]]", 0);
    assert_eq!(error["range"]["start"], expected, "{error}");
    assert_eq!(expected["character"], 7);
    assert_eq!(error["range"]["end"]["character"], 7 + "[[Nergens]]".len() as u64);
    // The file on disk did not change: the findings came from the buffer.
    assert_eq!(read(root, PROMPT), saved);

    client.change(PROMPT, 3, &saved);
    let fixed = client.diagnostics(&prompt_uri, |list| !list.iter().any(|d| d["severity"] == 1));
    assert_eq!(codes(&fixed), codes(&first), "back to the site's own findings");
    client.shutdown();
}

#[test]
fn an_edit_that_breaks_other_files_reports_them_and_clears_them() {
    let dir = own_site("partial-translation");
    let root = dir.path();
    let mut client = Client::start(root);
    let vocabulary = "content/nl/vocabulary.md";
    let token_uri = uri(root, "content/nl/token.md");
    let text = read(root, vocabulary);
    client.open(vocabulary, &text);
    // `content/nl/token.md` links to [[vocabulaire]], the title being renamed here.
    client.change(vocabulary, 2, &text.replace("title: Vocabulaire", "title: Woordenschat"));
    let broken = client.diagnostics(&token_uri, |list| list.iter().any(|d| d["severity"] == 1));
    let error = broken.iter().find(|d| d["severity"] == 1).unwrap();
    assert!(error["message"].as_str().unwrap().contains("[[vocabulaire]]"), "{error}");
    client.change(vocabulary, 3, &text);
    let fixed = client.diagnostics(&token_uri, |list| !list.iter().any(|d| d["severity"] == 1));
    assert!(fixed.iter().all(|d| d["severity"] == 2), "{fixed:?}");
    client.shutdown();
}

#[test]
fn a_site_with_errors_is_analysed_with_its_errors_reported() {
    let dir = own_site("partial-translation");
    let root = dir.path();
    let broken_file = "content/en/broken.md";
    std::fs::write(root.join(broken_file), "---\ntitle: [unclosed\n---\nText.\n").unwrap();
    let saved = read(root, PROMPT);
    let broken = saved.replace("De [[Temperature]]", "De [[Nergens]] en de [[Temperature]]");
    std::fs::write(root.join(PROMPT), &broken).unwrap();
    // The server starts on the broken site and reports both errors where they are.
    let mut client = Client::start(root);
    let file_errors = client.diagnostics(&uri(root, broken_file), |list| list.iter().any(|d| d["severity"] == 1));
    assert!(file_errors[0]["message"].as_str().unwrap().contains("front-matter"), "{file_errors:?}");
    let prompt_uri = uri(root, PROMPT);
    let nergens = |d: &Value| d["severity"] == 1 && d["message"].as_str().unwrap().contains("[[Nergens]]");
    let listed = client.diagnostics(&prompt_uri, |list| list.iter().any(nergens));
    assert_eq!(listed.iter().filter(|d| nergens(d)).count(), 1, "reported once: {listed:?}");
    // The rest of the site answers as usual.
    client.open(PROMPT, &broken);
    let hover = client.at("hover", PROMPT, &broken, "[[Temperature]]", 4, json!({}));
    assert!(hover["contents"]["value"].as_str().unwrap().contains("**Temperature**"), "{hover}");
    // Mending the buffer clears its error, and a new title is known at once, while the other file is
    // still broken.
    let renamed = saved.replace("title: Prompt", "title: Opdrachttekst");
    assert_ne!(renamed, saved, "the prompt's title is `Prompt`");
    client.change(PROMPT, 2, &renamed);
    let mended = client.diagnostics(&prompt_uri, |list| !list.iter().any(|d| d["severity"] == 1));
    assert!(mended.iter().all(|d| d["severity"] == 2), "{mended:?}");
    let token = read(root, "content/nl/token.md");
    let completion = client.at("completion", "content/nl/token.md", &token, "[[", 2, json!({}));
    assert!(labels(&completion).iter().any(|l| l == "Opdrachttekst"), "{completion}");
    client.shutdown();
}

#[test]
fn questions_and_edits_sent_while_the_site_is_indexed_are_all_answered() {
    // Enough entries that indexing takes a while: what is sent right after `initialized` arrives meanwhile.
    let dir = own_site("partial-translation");
    let root = dir.path();
    for n in 0..1500 {
        let text = format!(
            "---\ntitle: Filler {n}\nsummary: Entry {n}.\nrelated: [token]\n---\nSee [[Token]] and [[Prompt]].\n"
        );
        std::fs::write(root.join(format!("content/en/filler-{n}.md")), text).unwrap();
    }
    let mut client = Client::start(root);
    let token = read(root, "content/en/token.md");
    let declaration = json!({ "context": { "includeDeclaration": false } });
    let refs = client.at("references", "content/en/token.md", &token, "title: Token", 8, declaration);
    let filler = read(root, "content/en/filler-7.md");
    let hover = client.at("hover", "content/en/filler-7.md", &filler, "[token]", 2, json!({}));
    let prompt = "content/en/prompt.md";
    let text = read(root, prompt);
    client.open(prompt, &text);
    client.change(prompt, 2, &format!("{text}\nSee [[Nowhere]].\n"));
    let listed = refs.as_array().unwrap();
    assert!(listed.iter().filter(|l| l["uri"].as_str().unwrap().contains("/filler-")).count() >= 1500, "{refs}");
    assert!(hover["contents"]["value"].as_str().unwrap().contains("**Token**"), "{hover}");
    let uri = uri(root, prompt);
    client.diagnostics(&uri, |list| list.iter().any(|d| d["message"].as_str().unwrap().contains("[[Nowhere]]")));
    client.shutdown();
}

#[test]
fn a_server_started_in_the_site_folder_names_files_by_absolute_uris() {
    let dir = own_site("partial-translation");
    let root = dir.path().canonicalize().unwrap();
    let mut client = Client::start_in(&root);
    // The Dutch prompt has findings from the start; its URI is the file's absolute one.
    let first = client.diagnostics(&uri(&root, PROMPT), |list| !list.is_empty());
    assert!(!first.is_empty());
    let text = read(&root, PROMPT);
    let definition = client.at("definition", PROMPT, &text, "[[Attention]]", 3, json!({}));
    assert_eq!(definition["uri"], uri(&root, "content/nl/attention.md"), "{definition}");
    client.shutdown();
}

#[test]
fn completion_offers_the_tags_used_in_the_language() {
    let dir = own_site("partial-translation");
    let root = dir.path();
    for (file, tags) in [("content/nl/token.md", "taalmodellen, tekst"), ("content/nl/vocabulary.md", "taalmodellen")] {
        let text = read(root, file);
        std::fs::write(root.join(file), text.replacen("---\n", &format!("---\ntags: [{tags}]\n"), 1)).unwrap();
    }
    let mut client = Client::start(root);
    let text = read(root, PROMPT).replacen("---\n", "---\ntags: [tekst, taal]\n", 1);
    client.open(PROMPT, &text);
    let offered = client.at("completion", PROMPT, &text, "taal]", 4, json!({}));
    assert_eq!(labels(&offered), ["taalmodellen"], "{offered}");
    assert_eq!(offered["items"][0]["detail"], "2 entries");
    assert_eq!(offered["items"][0]["textEdit"]["range"]["start"], position_of(&text, "taal]", 0));
    client.shutdown();
}

fn labels(result: &Value) -> Vec<String> {
    result["items"].as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap().to_string()).collect()
}

#[test]
fn completion_offers_ids_names_keys_and_values() {
    let dir = own_site("partial-translation");
    let root = dir.path();
    let mut client = Client::start(root);
    let text = read(root, PROMPT).replace("related: [temperature, token]", "related: [temperature, token, vo]")
        + "\nZie [[Voc en @/tokeni en \ndifficulty: \n";
    client.open(PROMPT, &text);
    let related = client.at("completion", PROMPT, &text, ", vo]", 4, json!({}));
    assert_eq!(labels(&related), ["vocabulary"]);
    let edit = &related["items"][0]["textEdit"];
    assert_eq!(edit["newText"], "vocabulary");
    assert_eq!(edit["range"]["start"], position_of(&text, ", vo]", 2), "the typed part is replaced");

    let ids = client.at("completion", PROMPT, &text, "@/tokeni", 8, json!({}));
    assert_eq!(labels(&ids), ["tokenizer"]);
    assert_eq!(ids["items"][0]["textEdit"]["newText"], "tokenizer.md");
    assert!(ids["items"][0]["detail"].as_str().unwrap().contains("(en)"), "a fallback to English says so: {ids}");

    let names = client.at("completion", PROMPT, &text, "[[Voc", 5, json!({}));
    let found = labels(&names);
    assert_eq!(found.first().map(String::as_str), Some("Vocabulaire"), "the page's language first: {found:?}");
    assert!(found.contains(&"Vocabulary".to_string()), "then the English title: {found:?}");
    assert!(names["items"][0]["documentation"].as_str().unwrap().contains("tokens"), "the summary: {names}");

    let front = read(root, PROMPT).replace("difficulty: beginner", "difficulty: \ncat");
    client.change(PROMPT, 2, &front);
    let values = client.at("completion", PROMPT, &front, "difficulty: ", 12, json!({}));
    assert_eq!(labels(&values), ["beginner", "intermediate", "advanced"]);
    let keys = client.at("completion", PROMPT, &front, "\ncat", 4, json!({}));
    assert_eq!(labels(&keys), ["category: "]);
    let week = front.replace("\ncat", "\nweek: ");
    client.change(PROMPT, 3, &week);
    let this_week = client.at("completion", PROMPT, &week, "week: ", 6, json!({}));
    let today = time::OffsetDateTime::now_utc().date();
    let (year, number, _) = today.to_iso_week_date();
    assert_eq!(labels(&this_week), [format!("{year}-W{number:02}")]);
    client.shutdown();
}

#[test]
fn hover_definition_references_and_symbols_know_the_glossary() {
    let dir = own_site("partial-translation");
    let root = dir.path();
    let mut client = Client::start(root);
    let text = read(root, PROMPT);
    client.open(PROMPT, &text);

    let hover = client.at("hover", PROMPT, &text, "[[Temperature]]", 4, json!({}));
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.contains("**Temperature**") && shown.contains("predictable"), "{shown}");
    assert!(shown.contains("not translated into nl"), "{shown}");
    assert!(shown.contains("difficulty: beginner"), "{shown}");
    let related = client.at("hover", PROMPT, &text, "token]", 1, json!({}));
    assert!(related["contents"]["value"].as_str().unwrap().contains("**Token**"), "{related}");
    assert!(related["contents"]["value"].as_str().unwrap().contains("in en, nl"), "{related}");

    let token = read(root, "content/nl/token.md");
    let definition = client.at("definition", "content/nl/token.md", &token, "@/tokenizer.md", 3, json!({}));
    assert_eq!(definition["uri"], uri(root, "content/en/tokenizer.md"), "falls back to the English entry");
    assert_eq!(definition["range"]["start"]["line"], 1, "at its title");
    let wiki = client.at("definition", PROMPT, &text, "[[Attention]]", 3, json!({}));
    assert_eq!(wiki["uri"], uri(root, "content/nl/attention.md"), "the Dutch entry, found by its English title");

    // Every Dutch entry that links to `token`.
    let refs = client.at(
        "references",
        "content/nl/token.md",
        &token,
        "title: Token",
        8,
        json!({ "context": { "includeDeclaration": false } }),
    );
    let mut files: Vec<String> =
        refs.as_array().unwrap().iter().map(|l| l["uri"].as_str().unwrap().to_string()).collect();
    files.dedup();
    for linker in ["attention", "prompt", "vocabulary"] {
        assert!(files.contains(&uri(root, &format!("content/nl/{linker}.md"))), "{linker} links to token: {refs}");
    }
    let in_prompt: Vec<&Value> = refs.as_array().unwrap().iter().filter(|l| l["uri"] == uri(root, PROMPT)).collect();
    assert_eq!(in_prompt[0]["range"]["start"], position_of(&text, "token]", 0), "the related item: {refs}");

    let symbols = client.ask("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri(root, PROMPT) } }));
    assert_eq!(symbols[0]["name"], "Wat is het?", "{symbols}");
    assert_eq!(symbols[0]["range"]["start"]["line"], 8);
    client.shutdown();
}

#[test]
fn a_rename_writes_the_same_files_as_mv() {
    let by_lsp = own_site("partial-translation");
    let by_mv = own_site("partial-translation");
    let mut client = Client::start(by_lsp.path());
    let text = read(by_lsp.path(), PROMPT);
    client.open(PROMPT, &text);
    let prepared = client.at("prepareRename", PROMPT, &text, "token]", 2, json!({}));
    assert_eq!(prepared["placeholder"], "token");
    let edit = client.at("rename", PROMPT, &text, "token]", 2, json!({ "newName": "lexical-token" }));
    apply(&edit);
    let bad = client.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri(by_lsp.path(), PROMPT) }, "position": position_of(&text, "temperature,", 1), "newName": "Not An Id" }),
    );
    assert!(bad["error"]["message"].as_str().unwrap().contains("did you mean `not-an-id`"), "{bad}");
    client.shutdown();

    let out = glossgen(&["mv", "token", "lexical-token", "--root", by_mv.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(snapshot(by_lsp.path()), snapshot(by_mv.path()), "the same files, byte for byte");
    assert!(by_lsp.path().join("content/nl/lexical-token.md").exists());
}

fn action<'a>(actions: &'a Value, title: &str) -> &'a Value {
    actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains(title))
        .unwrap_or_else(|| panic!("no action `{title}` in {actions}"))
}

fn actions_at(client: &mut Client, rel: &str, text: &str, needle: &str) -> Value {
    let position = position_of(text, needle, 3);
    client.ask(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri(&client.root, rel) },
            "range": { "start": position, "end": position },
            "context": { "diagnostics": [] },
        }),
    )
}

#[test]
fn code_actions_create_a_translation_add_to_related_and_stamp() {
    let dir = own_site("partial-translation");
    let root = dir.path();
    let mut client = Client::start(root);
    let temperature = read(root, "content/en/temperature.md");
    client.open("content/en/temperature.md", &temperature);
    let actions = actions_at(&mut client, "content/en/temperature.md", &temperature, "title");
    apply(&action(&actions, "Create the missing translation in Nederlands")["edit"]);
    let created = read(root, "content/nl/temperature.md");
    assert!(created.contains("title: \"Temperature\"\n"), "{created}");

    let text = read(root, PROMPT);
    client.open(PROMPT, &text);
    let actions = actions_at(&mut client, PROMPT, &text, "[[Attention]]");
    apply(&action(&actions, "Add `attention` to related")["edit"]);
    assert!(read(root, PROMPT).contains("related: [temperature, token, attention]\n"), "{}", read(root, PROMPT));

    // The English source of `attention` changes (saved): its Dutch translation is outdated until stamped.
    let source = read(root, "content/en/attention.md").replace("summary: ", "summary: Put simply, ");
    std::fs::write(root.join("content/en/attention.md"), &source).unwrap();
    client.open("content/en/attention.md", &source);
    let dutch = read(root, "content/nl/attention.md");
    client.open("content/nl/attention.md", &dutch);
    let actions = actions_at(&mut client, "content/nl/attention.md", &dutch, "title");
    apply(&action(&actions, "Stamp translation")["edit"]);
    client.shutdown();
    let out = glossgen(&["translations", "--root", root.to_str().unwrap(), "--format", "json"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let attention = report["concepts"].as_array().unwrap().iter().find(|c| c["id"] == "attention").unwrap();
    assert_eq!(attention["translations"]["nl"]["state"], "up-to-date", "{attention}");
    let out = crate::common::build(root, &[]);
    assert!(out.status.success(), "the site still builds: {}", stderr(&out));
}

#[test]
fn mentions_links_and_the_file_itself_are_things_to_hover_and_rename() {
    let dir = own_site("partial-translation");
    let root = dir.path();
    let mut client = Client::start(root);
    let embedding = read(root, "content/nl/embedding.md");
    client.open("content/nl/embedding.md", &embedding);
    // "vector" in running Dutch text is a mention of the Dutch entry `Vector`, which the build links.
    let hover = client.at("hover", "content/nl/embedding.md", &embedding, "een vector", 5, json!({}));
    assert!(hover["contents"]["value"].as_str().unwrap().contains("**Vector**"), "{hover}");
    let token = read(root, "content/nl/token.md");
    let on_link = client.at("prepareRename", "content/nl/token.md", &token, "@/tokenizer.md", 4, json!({}));
    assert_eq!(on_link["placeholder"], "tokenizer");
    assert_eq!(on_link["range"]["start"], position_of(&token, "@/tokenizer.md", 2), "the id, without `@/`");
    let off_any = client.at("prepareRename", "content/nl/token.md", &token, "knipt", 1, json!({}));
    assert_eq!(off_any["placeholder"], "token", "the file's own concept");
    client.shutdown();
}

#[test]
fn renaming_an_entry_file_in_the_editor_does_the_rest_of_mv() {
    let by_lsp = own_site("partial-translation");
    let by_mv = own_site("partial-translation");
    let mut client = Client::start(by_lsp.path());
    let (from, to) = (uri(by_lsp.path(), "content/nl/vector.md"), uri(by_lsp.path(), "content/nl/vector-space.md"));
    let edit = client.ask("workspace/willRenameFiles", json!({ "files": [{ "oldUri": from, "newUri": to }] }));
    apply(&edit);
    // The editor moves the file itself once the edit is applied.
    std::fs::rename(by_lsp.path().join("content/nl/vector.md"), by_lsp.path().join("content/nl/vector-space.md"))
        .unwrap();
    client.shutdown();
    let out = glossgen(&["mv", "vector", "vector-space", "--lang", "nl", "--root", by_mv.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(snapshot(by_lsp.path()), snapshot(by_mv.path()), "the same files, byte for byte");
}

#[test]
fn completion_after_wide_characters_answers_and_the_server_lives_on() {
    let dir = own_site("partial-translation");
    let root = dir.path();
    let mut client = Client::start(root);
    let text = read(root, PROMPT) + "\nÉén 🙂ë@/tok\n";
    client.open(PROMPT, &text);
    let ids = client.at("completion", PROMPT, &text, "@/tok", 5, json!({}));
    assert_eq!(labels(&ids), ["token", "tokenizer"]);
    // Every position of the line, in the middle of nothing in particular.
    for extra in 0..6 {
        client.at("completion", PROMPT, &text, "Één", extra, json!({}));
        client.at("hover", PROMPT, &text, "Één", extra, json!({}));
    }
    client.shutdown();
}

/// The latest diagnostics sent for each file, as sorted `(code, message)` pairs, from every notification
/// received so far.
fn latest(client: &Client) -> std::collections::BTreeMap<String, Vec<(String, String)>> {
    let mut out = std::collections::BTreeMap::new();
    for n in client.notifications.iter().filter(|n| n["method"] == "textDocument/publishDiagnostics") {
        let mut list: Vec<(String, String)> = n["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["code"].as_str().unwrap().to_string(), d["message"].as_str().unwrap().to_string()))
            .collect();
        list.sort();
        out.insert(n["params"]["uri"].as_str().unwrap().to_string(), list);
    }
    out.retain(|_, list| !list.is_empty());
    out
}

#[test]
fn after_edits_the_findings_shown_are_those_of_a_full_check() {
    let dir = own_site("partial-translation");
    let root = dir.path();
    let mut client = Client::start(root);
    let mut texts: Vec<(&str, String)> = Vec::new();
    let edits: [(&str, &str, &str); 4] = [
        ("content/nl/vocabulary.md", "title: Vocabulaire", "title: Woordenschat"),
        ("content/en/attention.md", "summary: ", "summary: Put simply, "),
        (PROMPT, "related: [temperature, token]", "related: [temperature, token, vector]"),
        ("content/nl/vocabulary.md", "title: Woordenschat", "title: Vocabulaire"),
    ];
    for (n, (rel, from, to)) in edits.into_iter().enumerate() {
        let text = match texts.iter().find(|(r, _)| *r == rel) {
            Some((_, t)) => t.clone(),
            None => {
                let t = read(root, rel);
                client.open(rel, &t);
                t
            }
        };
        let edited = text.replacen(from, to, 1);
        assert_ne!(edited, text, "{rel}: `{from}` not found");
        client.change(rel, n as i64 + 2, &edited);
        texts.retain(|(r, _)| *r != rel);
        texts.push((rel, edited));
        // A code action waits for the analysis: every notification it caused comes before the answer.
        actions_at(&mut client, rel, &texts.last().unwrap().1, "title");
    }
    let shown = latest(&client);
    client.shutdown();
    for (rel, text) in &texts {
        std::fs::write(root.join(rel), text).unwrap();
    }
    let out = glossgen(&["check", "--root", root.to_str().unwrap(), "--format", "json"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut checked = std::collections::BTreeMap::<String, Vec<(String, String)>>::new();
    for f in report["findings"].as_array().unwrap() {
        let file = uri(root, f["path"].as_str().unwrap());
        checked
            .entry(file)
            .or_default()
            .push((f["code"].as_str().unwrap().into(), f["message"].as_str().unwrap().into()));
    }
    for list in checked.values_mut() {
        list.sort();
        list.dedup();
    }
    assert!(shown.values().flatten().any(|(code, _)| code == "translation-outdated"), "{shown:#?}");
    assert!(shown.values().flatten().any(|(code, _)| code == "related-not-reciprocated"), "{shown:#?}");
    assert_eq!(shown, checked, "what the editor shows is what check reports");
}
