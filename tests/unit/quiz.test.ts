import { describe, expect, it } from "vitest";
import { canAttempt, gradeQuiz, type GradableQuestion } from "~/domain/quiz";

const q = (
  key: string,
  type: GradableQuestion["type"],
  correct: string[],
  extra: Partial<GradableQuestion> = {},
): GradableQuestion => ({
  key,
  type,
  options: ["a", "b", "c", "d"].map((id) => ({ id, text: id, correct: correct.includes(id) })),
  points: 1,
  competenceId: null,
  level: null,
  ...extra,
});

describe("gradeQuiz", () => {
  const questions = [
    q("q1", "SINGLE", ["b"]),
    q("q2", "MULTIPLE", ["a", "c"]),
    q("q3", "TRUE_FALSE", ["a"], { points: 2 }),
  ];

  it("gives full marks for the right answers", () => {
    const r = gradeQuiz(questions, { q1: ["b"], q2: ["c", "a"], q3: ["a"] }, 60);
    expect(r).toMatchObject({ score: 4, maxScore: 4, percent: 100, passed: true });
  });

  it("gives no partial credit on multiple choice and refuses ticking everything", () => {
    expect(gradeQuiz(questions, { q2: ["a"] }, 60).questions[1].correct).toBe(false);
    expect(gradeQuiz(questions, { q2: ["a", "b", "c", "d"] }, 60).questions[1].correct).toBe(false);
    expect(gradeQuiz(questions, { q1: ["a", "b"] }, 60).questions[0].correct).toBe(false);
  });

  it("applies the pass mark on the weighted percentage", () => {
    const r = gradeQuiz(questions, { q1: ["b"], q3: ["a"] }, 75);
    expect(r.percent).toBe(75);
    expect(r.passed).toBe(true);
    const below = gradeQuiz(questions, { q3: ["a"] }, 60);
    expect(below.percent).toBe(50);
    expect(below.passed).toBe(false);
    expect(gradeQuiz(questions, {}, 0).passed).toBe(true);
  });

  it("records a level per competence: the highest level answered correctly", () => {
    const test = [
      q("c1-base", "SINGLE", ["a"], { competenceId: 1, level: "BASE" }),
      q("c1-avanzato", "SINGLE", ["a"], { competenceId: 1, level: "AVANZATO" }),
      q("c2-intermedio", "SINGLE", ["a"], { competenceId: 2, level: "INTERMEDIO" }),
      q("c3-base", "SINGLE", ["a"], { competenceId: 3, level: "BASE" }),
    ];
    const r = gradeQuiz(test, { "c1-base": ["a"], "c1-avanzato": ["a"], "c2-intermedio": ["a"], "c3-base": ["b"] }, 0);
    expect(r.competences).toEqual([
      { competenceId: 1, score: 2, maxScore: 2, level: "AVANZATO" },
      { competenceId: 2, score: 1, maxScore: 1, level: "INTERMEDIO" },
      { competenceId: 3, score: 0, maxScore: 1, level: null },
    ]);
  });
});

describe("canAttempt", () => {
  it("respects the attempt limit, unlimited when 0, and closes a passed quiz", () => {
    expect(canAttempt(3, 2, false)).toBe(true);
    expect(canAttempt(3, 3, false)).toBe(false);
    expect(canAttempt(0, 99, false)).toBe(true);
    expect(canAttempt(3, 1, true)).toBe(false);
  });
});
