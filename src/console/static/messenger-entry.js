// Browser entry of the console's support Messenger, bundled by esbuild into /console/static/messenger.js.
// The boot data comes from data- attributes: the CSP allows no inline script.
/* global document */
import Intercom from '@intercom/messenger-js-sdk';

const el = document.getElementById('ferry-messenger');
const appId = el && el.dataset.appId;
const userJwt = el && el.dataset.userJwt;
if (appId && userJwt) Intercom({ app_id: appId, intercom_user_jwt: userJwt });
