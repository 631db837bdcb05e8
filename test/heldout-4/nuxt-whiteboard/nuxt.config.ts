export default defineNuxtConfig({
  modules: ['nuxt-auth-utils'],
  runtimeConfig: {
    pusherAppId: '',
    pusherSecret: '',
    public: { pusherKey: '', pusherCluster: 'eu' },
  },
});
