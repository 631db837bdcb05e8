import { describe, expect, it } from 'vitest';
import { globalRegistrations, onlyPagesRender } from '../../src/analysis/vue-globals.js';

const SPEC = './components/ChatApp.vue';

describe('globalRegistrations', () => {
  it('reads the tags an entry registers a component under before mounting its root on the page', () => {
    const root = "\nconst app = new Vue({ el: '#app' });\n";
    expect(globalRegistrations(`Vue.component('chat-app', require('${SPEC}').default);${root}`, SPEC)).toEqual(['chat-app']);
    expect(globalRegistrations(`Vue.component("chat-app", () => import("${SPEC}"));${root}`, SPEC)).toEqual(['chat-app']);
    expect(globalRegistrations(`import ChatApp from '${SPEC}';\nVue.component('ChatApp', ChatApp);${root}`, SPEC)).toEqual(['ChatApp']);
    const vue3 = `import { createApp } from 'vue';\nimport ChatApp from '${SPEC}';\ncreateApp({}).component('chat-app', ChatApp).mount('#app');`;
    expect(globalRegistrations(vue3, SPEC)).toEqual(['chat-app']);
  });

  it('says nothing when the entry does more with the component, mounts no root, or mounts it in a callback', () => {
    const register = `import ChatApp from '${SPEC}';\nVue.component('chat-app', ChatApp);\n`;
    expect(globalRegistrations(`${register}const router = new VueRouter({ routes: [{ path: '/chat', component: ChatApp }] });\nnew Vue({ el: '#app', router });`, SPEC)).toBeUndefined();
    expect(globalRegistrations(`${register}new Vue({ el: '#app', render: (h) => h(ChatApp) });`, SPEC)).toBeUndefined();
    // A plugin module registers for whoever mounts the root, which may be anything.
    expect(globalRegistrations(register, SPEC)).toBeUndefined();
    // Turbolinks visits make a new root without a page load; the old one keeps its subscriptions.
    expect(globalRegistrations(`${register}document.addEventListener('turbolinks:load', () => {\n  new Vue({ el: '#app' });\n});`, SPEC)).toBeUndefined();
    expect(globalRegistrations(`${register}const app = new Vue({ el: '#app' });\nwindow.addEventListener('unload', () => app.$destroy());`, SPEC)).toBeUndefined();
    expect(globalRegistrations(`// Vue.component('chat-app', require('${SPEC}').default);\nnew Vue({ el: '#app' });`, SPEC)).toBeUndefined();
  });
});

describe('onlyPagesRender', () => {
  const judge = (files: Record<string, string>) =>
    onlyPagesRender(['chat-app'], 'resources/js/components/ChatApp.vue', 'resources/js/app.js', { textOf: (f) => files[f], paths: () => Object.keys(files) });
  const entry = { 'resources/js/app.js': `Vue.component('chat-app', require('${SPEC}').default);\nnew Vue({ el: '#app' });` };
  const component = { 'resources/js/components/ChatApp.vue': '<template><div class="chat-app"></div></template>' };
  const page = { 'resources/views/home.blade.php': '<div id="app"><chat-app></chat-app></div>' };

  it('holds when only server pages use the tag, with no condition or loop around it', () => {
    expect(judge({ ...entry, ...component, 'resources/views/home.blade.php': '<div id="app">\n  @auth\n    <chat-app :user="{{ auth()->user() }}"></chat-app>\n  @endauth\n</div>' })).toBe(true);
    expect(judge({ ...entry, ...component, 'public/index.html': '<div id="app"><chat-app></chat-app></div>' })).toBe(true);
    // A class of the same name is no use of the component.
    expect(judge({ ...entry, ...page, 'resources/js/components/ChatApp2.vue': '<template><div class="chat-app"></div></template>' })).toBe(true);
  });

  it('fails when the page toggles it, anything else names it, or no page of the tree uses it', () => {
    expect(judge({ ...entry, 'resources/views/home.blade.php': '<div id="app"><div v-if="open"><chat-app></chat-app></div></div>' })).toBe(false);
    expect(judge({ ...entry, ...page, 'resources/js/components/Inbox.vue': '<template><chat-app v-if="open" /></template>' })).toBe(false);
    expect(judge({ ...entry, ...page, 'resources/js/components/Inbox.vue': '<template><ChatApp /></template>' })).toBe(false);
    expect(judge({ ...entry, ...page, 'resources/js/components/Tabs.vue': '<template><component :is="\'chat-app\'" /></template>' })).toBe(false);
    expect(judge({ ...entry, ...page, 'resources/js/components/Tabs.vue': "<script>\nexport default { data: () => ({ tab: 'chat-app' }) };\n</script>" })).toBe(false);
    expect(judge({ ...entry, ...component })).toBe(false);
    expect(judge({ ...page, 'resources/js/app.js': `${entry['resources/js/app.js']}\nnew Vue({ el: '#side', template: '<chat-app v-if="open" />' });` })).toBe(false);
  });
});
