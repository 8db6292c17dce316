import { toErrorInfo, type AppErrorInfo, type ErrorKind } from './errors';
import { formatDuration, type Lang } from '../format';

type Texts = Readonly<Record<ErrorKind, string>>;

const EN: Texts = {
  emptyKey: 'Enter your 1Fichier API key.',
  malformedKey:
    'This does not look like a 1Fichier API key: it has 32 letters, digits, “-”, “_” or “=”. Copy it again from your 1Fichier account (Parameters → API key).',
  noKey: 'No API key yet: add your 1Fichier API key in the options.',
  invalidKey:
    '1Fichier does not accept this API key. Check it in your 1Fichier account (Parameters → API key); a regenerated key replaces the old one.',
  freeAccount: 'This is a free 1Fichier account: downloading through the API needs Premium, Access or GOLD.',
  flood: '1Fichier is refusing API calls for a while after too many requests.',
  notFound: 'The file was deleted or never existed on 1Fichier.',
  passwordRequired: 'This file is protected by a password.',
  passwordWrong: 'The file password is wrong.',
  notAllowed: 'The owner restricted access to this file (private, country, IP or account restrictions).',
  ownerLocked: 'The owner’s 1Fichier account is blocked; this file cannot be downloaded now.',
  tooManyLocations:
    '1Fichier sees your account used from several places at once (for example IPv4 and IPv6).',
  cdnRequired:
    '1Fichier does not allow Premium downloads from this connection (VPN, proxy or data center). Turn on CDN credits in the options, or download from your home connection.',
  folderNotFound: 'The folder was deleted or never existed on 1Fichier.',
  folderPasswordRequired: 'This folder is protected by a password.',
  folderPasswordWrong: 'The folder password is wrong.',
  network: 'Cannot reach 1Fichier. Check your connection.',
  timeout: '1Fichier did not answer in time.',
  htmlResponse: '1Fichier answered with a web page instead of data (an outage or a blocked connection).',
  malformedResponse: '1Fichier sent a damaged answer.',
  badResponse: '1Fichier sent an answer the extension does not recognise.',
  maintenance: '1Fichier is down for maintenance.',
  server: '1Fichier has a server problem.',
  unknownApiError: '1Fichier refused the request.',
  badLink: 'This is not a 1Fichier file link.',
  transferFailed: 'The download was interrupted.',
  badMessage: 'The extension received a request it does not understand.',
  forbidden: 'This request is not allowed from here.',
  locked: 'Locked: unlock with your passphrase to continue.',
  wrongPassphrase: 'Wrong passphrase.',
  unlockWait: 'Too many wrong passphrases.',
  weakPassphrase: 'Choose a passphrase of at least 8 characters.',
  passphraseAlreadySet: 'A passphrase is already set: use Change passphrase.',
  passphraseNotSet: 'No passphrase is set.',
  vaultDamaged:
    'The stored key cannot be read (its record is damaged). Use “Forget key”, then enter your API key again.',
  folderEmpty: 'This folder has no files.',
  seeExtension: 'Needs your attention: open the extension’s popup.',
  linkCheckOff: 'The link check is off (Settings → Pages).',
  cancelled: 'Cancelled. Retry starts it again.',
  diskFull: 'The disk is full: free some space, then Retry.',
  fileError:
    'The browser could not write the file (no permission, name too long or file too large for the disk). Check the download folder, then Retry.',
  sizeMismatch: 'The file on disk does not have the size 1Fichier gives.',
  passwordTries: 'The password was wrong three times. Retry to enter it again.',
  badImport: 'This file is not a queue export or a list of links.',
  internal: 'Something went wrong inside the extension.',
};

const FR: Texts = {
  emptyKey: 'Saisissez votre clé API 1Fichier.',
  malformedKey:
    'Ceci ne ressemble pas à une clé API 1Fichier : elle compte 32 lettres, chiffres, « - », « _ » ou « = ». Copiez-la de nouveau depuis votre compte 1Fichier (Paramètres → clé API).',
  noKey: 'Pas encore de clé API : ajoutez votre clé API 1Fichier dans les options.',
  invalidKey:
    '1Fichier n’accepte pas cette clé API. Vérifiez-la dans votre compte 1Fichier (Paramètres → clé API) ; une clé régénérée remplace l’ancienne.',
  freeAccount:
    'Ce compte 1Fichier est gratuit : le téléchargement par l’API demande Premium, Access ou GOLD.',
  flood: '1Fichier a suspendu l’accès à l’API après trop de requêtes.',
  notFound: 'Le fichier a été supprimé ou n’a jamais existé sur 1Fichier.',
  passwordRequired: 'Ce fichier est protégé par un mot de passe.',
  passwordWrong: 'Le mot de passe du fichier est incorrect.',
  notAllowed: 'Le propriétaire a restreint l’accès à ce fichier (privé, pays, IP ou comptes autorisés).',
  ownerLocked:
    'Le compte 1Fichier du propriétaire est bloqué ; ce fichier ne peut pas être téléchargé pour l’instant.',
  tooManyLocations:
    '1Fichier voit votre compte utilisé depuis plusieurs endroits à la fois (par exemple IPv4 et IPv6).',
  cdnRequired:
    '1Fichier refuse les téléchargements Premium depuis cette connexion (VPN, proxy ou centre de données). Activez les crédits CDN dans les options, ou téléchargez depuis votre connexion personnelle.',
  folderNotFound: 'Le dossier a été supprimé ou n’a jamais existé sur 1Fichier.',
  folderPasswordRequired: 'Ce dossier est protégé par un mot de passe.',
  folderPasswordWrong: 'Le mot de passe du dossier est incorrect.',
  network: 'Impossible de joindre 1Fichier. Vérifiez votre connexion.',
  timeout: '1Fichier n’a pas répondu à temps.',
  htmlResponse: '1Fichier a répondu par une page web au lieu de données (panne ou connexion bloquée).',
  malformedResponse: '1Fichier a envoyé une réponse endommagée.',
  badResponse: '1Fichier a envoyé une réponse que l’extension ne reconnaît pas.',
  maintenance: '1Fichier est en maintenance.',
  server: '1Fichier a un problème de serveur.',
  unknownApiError: '1Fichier a refusé la requête.',
  badLink: 'Ce n’est pas un lien de fichier 1Fichier.',
  transferFailed: 'Le téléchargement a été interrompu.',
  badMessage: 'L’extension a reçu une requête qu’elle ne comprend pas.',
  forbidden: 'Cette requête n’est pas autorisée depuis cet endroit.',
  locked: 'Verrouillé : déverrouillez avec votre phrase secrète pour continuer.',
  wrongPassphrase: 'Phrase secrète incorrecte.',
  unlockWait: 'Trop de phrases secrètes incorrectes.',
  weakPassphrase: 'Choisissez une phrase secrète d’au moins 8 caractères.',
  passphraseAlreadySet: 'Une phrase secrète est déjà définie : utilisez Changer la phrase secrète.',
  passphraseNotSet: 'Aucune phrase secrète n’est définie.',
  vaultDamaged:
    'La clé enregistrée est illisible (son enregistrement est endommagé). Utilisez « Oublier la clé », puis saisissez de nouveau votre clé API.',
  folderEmpty: 'Ce dossier ne contient aucun fichier.',
  seeExtension: 'Votre intervention est nécessaire : ouvrez la fenêtre de l’extension.',
  linkCheckOff: 'La vérification des liens est désactivée (Paramètres → Pages).',
  cancelled: 'Annulé. Réessayer le relance.',
  diskFull: 'Le disque est plein : libérez de la place, puis Réessayer.',
  fileError:
    'Le navigateur n’a pas pu écrire le fichier (pas d’autorisation, nom trop long ou fichier trop gros pour le disque). Vérifiez le dossier de téléchargement, puis Réessayer.',
  sizeMismatch: 'Le fichier sur le disque n’a pas la taille indiquée par 1Fichier.',
  passwordTries: 'Le mot de passe était faux trois fois. Réessayer pour le saisir de nouveau.',
  badImport: 'Ce fichier n’est ni un export de file d’attente ni une liste de liens.',
  internal: 'Une erreur interne est survenue dans l’extension.',
};

const RETRY_IN: Readonly<Record<Lang, (d: string) => string>> = {
  en: (d) => `Trying again in ${d}.`,
  fr: (d) => `Nouvel essai dans ${d}.`,
};

/** For these the user tries again (a passphrase), not the extension. */
const USER_RETRY_IN: Readonly<Record<Lang, (d: string) => string>> = {
  en: (d) => `You can try again in ${d}.`,
  fr: (d) => `Vous pourrez réessayer dans ${d}.`,
};
const USER_RETRIES: ReadonlySet<ErrorKind> = new Set(['wrongPassphrase', 'unlockWait']);

/** The user-facing sentence for an error, with the time left when a retry is scheduled. */
export function describeError(info: AppErrorInfo, lang: Lang, now: number = Date.now()): string {
  const base = (lang === 'fr' ? FR : EN)[info.kind];
  if (info.retryAt === undefined || info.retryAt <= now) return base;
  const wait = USER_RETRIES.has(info.kind) ? USER_RETRY_IN : RETRY_IN;
  return `${base} ${wait[lang](formatDuration(info.retryAt - now))}`;
}

/** The user-facing sentence for anything thrown (unexpected errors read as `internal`, never a stack). */
export function errorMessage(err: unknown, lang: Lang): string {
  // A serialised error (an AppErrorInfo from a reply or a job) reads as itself, not `internal`.
  if (!(err instanceof Error) && isErrorInfo(err)) return describeError(err, lang);
  return describeError(toErrorInfo(err), lang);
}

function isErrorInfo(v: unknown): v is AppErrorInfo {
  const kind = (v as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' && Object.hasOwn(EN, kind);
}
