export * from './replies.js';
export * from './requests.js';
