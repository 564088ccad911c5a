// The support Messenger on the console ("write to our team"): the admin is identified by an
// intercom_user_jwt signed with the Messenger API secret — HS256, user_id required (Intercom help article
// 10589769 "Authenticating users in the Messenger with JSON web tokens").
import jwt from 'jsonwebtoken';
import type { ConsoleActor } from './access.js';

export interface SupportMessenger {
  appId: string;
  secret: string;
}

export interface MessengerBoot {
  appId: string;
  userJwt: string;
}

export const MESSENGER_JWT_TTL_SECONDS = 60 * 60;

export function messengerBoot(messenger: SupportMessenger, actor: ConsoleActor): MessengerBoot {
  // One Intercom admin id is unique only within its workspace.
  const userId = `${actor.workspace.intercom_workspace_id}:${actor.adminId}`;
  const userJwt = jwt.sign({ user_id: userId }, messenger.secret, {
    algorithm: 'HS256',
    expiresIn: MESSENGER_JWT_TTL_SECONDS,
  });
  return { appId: messenger.appId, userJwt };
}
