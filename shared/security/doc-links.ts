/**
 * Documentation the app links to. A link the app produces to documentation starts with one of
 * these; the desktop opens nothing else outside the fleet's own hosts in the system browser.
 */
export const DOC_LINK_PREFIXES = [
  'https://confluence.atlassian.com/bitbucketserver/',
  'https://developer.atlassian.com/server/bitbucket/',
  'https://docs.gluster.org/',
] as const;
