/**
 * Environment variable prefixes each framework inlines into client code: whatever such a
 * variable holds is in the bundle, readable by anyone.
 */
export const FRAMEWORK_BY_PREFIX: Readonly<Record<string, string>> = {
  NEXT_PUBLIC_: 'Next.js',
  VITE_: 'Vite',
  REACT_APP_: 'Create React App',
  VUE_APP_: 'Vue CLI',
  NUXT_PUBLIC_: 'Nuxt',
  NUXT_ENV_: 'Nuxt',
  PUBLIC_: 'SvelteKit',
  EXPO_PUBLIC_: 'Expo',
  GATSBY_: 'Gatsby',
  MIX_: 'Laravel Mix',
};

const PUBLIC_PREFIX = new RegExp(`^(${Object.keys(FRAMEWORK_BY_PREFIX).join('|')})`);

/** The browser-exposed prefix a variable name starts with, if any. */
export function publicPrefix(name: string): string | undefined {
  return PUBLIC_PREFIX.exec(name)?.[1];
}
