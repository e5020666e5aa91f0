import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import { getLang, setLang } from "./lib/i18n/index.svelte";

setLang(getLang()); // sets <html lang> from the detected language

const target = document.getElementById("app");
if (!target) throw new Error("missing #app");

export default mount(App, { target });
