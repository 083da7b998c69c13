// MSAL, in a chunk of its own (msal-*.js) that only a portal configured for Entra sign-in ever loads.
export { createStandardPublicClientApplication } from '@azure/msal-browser';
