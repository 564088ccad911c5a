// zod schemas of the Canvas Kit requests, written from the official 2.11 initialize_request / submit_request
// and corrected as specs/intercom/ERRATA.md #5 says: Inbox requests carry only some of the fields the file
// marks required, so only workspace_id, workspace_region and admin (plus component_id, current_canvas and
// input_values on submit) are required; Intercom's docs call the contact `customer` in places, so both are
// accepted. Unknown fields pass through (Intercom adds fields over time).
import { z } from 'zod';

// 2.11 `admin`. Canvas requests are not REST responses: only the id is relied on, the rest is informative.
const adminSchema = z.looseObject({
  type: z.literal('admin').optional(),
  id: z.union([z.string().min(1), z.number().transform(String)]),
  name: z.string().optional(),
  email: z.string().optional(),
});

// 2.11 `context`.
const contextSchema = z.looseObject({
  conversation_id: z.union([z.number(), z.string()]).optional(),
  location: z.string().optional(),
  locale: z.string().optional(),
});

const looseRecord = z.record(z.string(), z.unknown());

// 2.11 `canvas_object`, as Intercom echoes it back in current_canvas.
const canvasObjectSchema = z.looseObject({
  content: z.looseObject({ components: z.array(z.unknown()) }).optional(),
  content_url: z.string().optional(),
  stored_data: looseRecord.optional(),
});

/**
 * 2.11 says current_canvas is `{ current_canvas: canvas_object }`; Intercom's Canvas Kit reference shows the
 * canvas object itself ({ content, stored_data }). Both are accepted and normalised to the canvas object.
 */
const currentCanvasSchema = z.union([
  z.looseObject({ current_canvas: canvasObjectSchema }).transform((v) => v.current_canvas),
  canvasObjectSchema,
]);

const baseRequest = {
  workspace_id: z.string().min(1),
  workspace_region: z.string(),
  admin: adminSchema,
  card_creation_options: looseRecord.optional(),
  context: contextSchema.optional(),
  conversation: looseRecord.optional(),
  contact: looseRecord.optional(),
  customer: looseRecord.optional(),
};

export const initializeRequestSchema = z.looseObject(baseRequest);

export const submitRequestSchema = z.looseObject({
  ...baseRequest,
  component_id: z.string().min(1),
  current_canvas: currentCanvasSchema,
  input_values: looseRecord,
  user: looseRecord.optional(),
});

export type InitializeRequest = z.infer<typeof initializeRequestSchema>;
export type SubmitRequest = z.infer<typeof submitRequestSchema>;
