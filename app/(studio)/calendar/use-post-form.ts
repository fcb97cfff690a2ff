"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, useTransition } from "react";
import { toast } from "sonner";
import { captionFor } from "@/lib/social/captions";
import { emptyForm, formFieldError, formOf, platformsOf, toPostInput, validatePostForm, type PostFormErrors, type PostFormValues } from "@/lib/calendar/form";
import { postKeys } from "@/lib/hooks/use-posts";
import type { PublishPlatform } from "@/db/schema/social";
import { createPostAction, preflightAction, updatePostAction } from "./actions";
import type { CalendarData, DialogState } from "./calendar-view";

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** The pre-flight check of what the form holds, run again (debounced) whenever it changes. */
function usePreflight(input: ReturnType<typeof toPostInput>, ready: boolean) {
  const debounced = useDebounced(input, 400);
  const check = useQuery({
    queryKey: ["preflight", debounced],
    queryFn: async () => {
      const res = await preflightAction({ ...debounced, scheduledAt: debounced.scheduledAt || undefined });
      if (!res.ok) throw new Error(res.error);
      return res.data;
    },
    enabled: ready && debounced.targets.length > 0 && debounced.characterId > 0,
    retry: false,
    placeholderData: keepPreviousData,
  });
  // Until the check has seen what the form holds now, its answer is not about this post.
  const behind = JSON.stringify(input) !== JSON.stringify(debounced);
  return { ...check, isFetching: check.isFetching || (behind && ready && input.targets.length > 0) };
}

/** The post dialog's state: values, errors in the creator's words, each platform's caption, the pre-flight check and saving. */
export function usePostForm(state: NonNullable<DialogState>, data: CalendarData, done: (postId: string) => void) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<PostFormValues>(() =>
    state.mode === "edit" ? formOf(state.post) : emptyForm(state.at, data.characters[0]?.id ?? null),
  );
  const [errors, setErrors] = useState<PostFormErrors>({});
  const [saving, start] = useTransition();
  const character = data.characters.find((c) => c.id === values.characterId);
  const platforms = platformsOf(values.targets, data.accounts);
  const caption = (p: PublishPlatform) => captionFor({ captions: values.captions, title: values.title }, p, character);
  const input = toPostInput(values, data.accounts);
  const check = usePreflight(input, !!character);

  function set<K extends keyof PostFormValues>(key: K, value: PostFormValues[K]) {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  }
  const setCaption = (p: PublishPlatform, text: string) => {
    setValues((v) => ({ ...v, captions: { ...v.captions, [p]: text } }));
    setErrors((e) => ({ ...e, [`captions.${p}`]: undefined, captions: undefined }));
  };

  function submit() {
    const found = validatePostForm(values, new Date());
    setErrors(found);
    if (Object.keys(found).length) return;
    start(async () => {
      const res = state.mode === "edit" ? await updatePostAction({ ...input, postId: state.post.id }) : await createPostAction(input);
      if (!res.ok) {
        const placed = Object.entries(res.fieldErrors ?? {}).flatMap(([f, m]) => {
          const at = formFieldError(f, m);
          return at ? [at] : [];
        });
        if (placed.length) setErrors(Object.fromEntries(placed));
        else toast.error(res.error);
        return;
      }
      toast.success(state.mode === "edit" ? "Post saved" : "Post scheduled");
      await queryClient.invalidateQueries({ queryKey: postKeys.all });
      done(res.data.id);
    });
  }

  const problems = check.data?.problems ?? [];
  return { values, set, setCaption, caption, errors, platforms, check, problems, saving, submit, blocked: problems.length > 0 || check.isFetching };
}
