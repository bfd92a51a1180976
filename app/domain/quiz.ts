/**
 * Quiz grading (pure). Single choice and true/false: the chosen option must be the correct
 * one; multiple choice: the chosen set must equal the correct set (no partial credit, so a
 * learner cannot pass by ticking everything). Entry and exit tests also yield a level per
 * competence: the highest level among the questions of that competence answered correctly
 * (null when none was), which the gain report compares between the two tests.
 */

export type QuizLevel = "BASE" | "INTERMEDIO" | "AVANZATO";
export type QuizOption = { id: string; text: string; correct: boolean };
export type GradableQuestion = {
  key: string;
  type: "SINGLE" | "MULTIPLE" | "TRUE_FALSE";
  options: QuizOption[];
  points: number;
  competenceId: number | null;
  level: QuizLevel | null;
};

export type Answers = Record<string, string[]>;

export type QuizResult = {
  score: number;
  maxScore: number;
  percent: number;
  passed: boolean;
  questions: { key: string; correct: boolean; earned: number }[];
  competences: { competenceId: number; score: number; maxScore: number; level: QuizLevel | null }[];
};

const LEVEL_RANK: Record<QuizLevel, number> = { BASE: 1, INTERMEDIO: 2, AVANZATO: 3 };

function sameSet(a: string[], b: string[]) {
  const sa = new Set(a);
  return sa.size === b.length && b.every((x) => sa.has(x)) && new Set(b).size === b.length;
}

/** Grades the answers against the questions; `passMark` is a percentage (0–100). */
export function gradeQuiz(questions: GradableQuestion[], answers: Answers, passMark: number): QuizResult {
  const graded = questions.map((q) => {
    const chosen = [...new Set(answers[q.key] ?? [])];
    const correctIds = q.options.filter((o) => o.correct).map((o) => o.id);
    const correct =
      q.type === "MULTIPLE" ? sameSet(chosen, correctIds) : chosen.length === 1 && correctIds.includes(chosen[0]);
    return { q, correct, earned: correct ? q.points : 0 };
  });
  const score = graded.reduce((s, g) => s + g.earned, 0);
  const maxScore = graded.reduce((s, g) => s + g.q.points, 0);
  const percent = maxScore === 0 ? 100 : Math.round((score / maxScore) * 1000) / 10;

  const byCompetence = new Map<number, { score: number; maxScore: number; level: QuizLevel | null }>();
  for (const g of graded) {
    if (g.q.competenceId === null) continue;
    const entry = byCompetence.get(g.q.competenceId) ?? { score: 0, maxScore: 0, level: null };
    entry.score += g.earned;
    entry.maxScore += g.q.points;
    if (g.correct && g.q.level && (!entry.level || LEVEL_RANK[g.q.level] > LEVEL_RANK[entry.level]))
      entry.level = g.q.level;
    byCompetence.set(g.q.competenceId, entry);
  }

  return {
    score,
    maxScore,
    percent,
    passed: percent >= passMark,
    questions: graded.map((g) => ({ key: g.q.key, correct: g.correct, earned: g.earned })),
    competences: [...byCompetence.entries()].map(([competenceId, v]) => ({ competenceId, ...v })),
  };
}

/** Whether another attempt is allowed (`maxAttempts` 0 = unlimited; a passed quiz is closed). */
export function canAttempt(maxAttempts: number, attemptsSoFar: number, alreadyPassed: boolean): boolean {
  if (alreadyPassed) return false;
  return maxAttempts === 0 || attemptsSoFar < maxAttempts;
}
