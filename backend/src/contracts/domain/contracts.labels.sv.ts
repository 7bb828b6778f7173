/**
 * Swedish labels for server-generated PDFs (audit report, committee report). The UI translates
 * the same codes in the frontend.
 */
import type { FollowUpClass, Sector } from './contract-classes';
import type { RedFlagCode, RedFlagGroup } from './red-flags';

export const SECTOR_LABELS_SV: Readonly<Record<Sector, string>> = {
  bygg_anlaggning: 'Bygg och anläggning',
  stad: 'Städ',
  transport: 'Transport',
  restaurang: 'Restaurang',
  vard_omsorg: 'Vård och omsorg',
  fastighetsservice: 'Fastighetsservice',
  gronytor_skotsel: 'Skötsel av gröna ytor',
  avfall_renhallning: 'Avfall och renhållning',
  it_telekom: 'IT och telekom',
  konsulttjanster: 'Konsulttjänster',
  ovrigt: 'Övrigt',
};

export const FOLLOW_UP_CLASS_LABELS_SV: Readonly<Record<FollowUpClass, string>> = {
  A: 'A – verksamhetskritiskt eller stort avtal, uppföljning tre gånger per år',
  B: 'B – uppföljning en gång per år',
  C: 'C – uppföljning vartannat år eller vid behov',
};

export const RED_FLAG_GROUP_LABELS_SV: Readonly<Record<RedFlagGroup, string>> = {
  foretaget: 'Företaget',
  skatt: 'Skatt',
  kedja: 'Kedja',
  personal: 'Personal',
  faktura: 'Faktura',
  beteende: 'Beteende',
};

export const RED_FLAG_LABELS_SV: Readonly<Record<RedFlagCode, string>> = {
  nystartat: 'Nystartat företag',
  liknande_firmanamn: 'Liknande firmanamn som annat företag',
  saknar_telefon: 'Saknar telefon',
  negativ_status: 'Negativ status (t.ex. konkurs, likvidation)',
  pa_varningslista: 'Finns på varningslista',
  domt: 'Dömt (företaget eller företrädare)',
  ekonomiska_tvister: 'Ekonomiska tvister',
  box_co_adress: 'Box- eller c/o-adress',
  saknar_lokal: 'Saknar verksamhetslokal',
  kand_problemadress: 'Känd problemadress',
  tata_styrelsebyten: 'Täta styrelsebyten',
  malvakt_samordningsnummer: 'Målvakt eller företrädare med samordningsnummer',
  oklar_verklig_huvudman: 'Oklar verklig huvudman',
  saknar_f_skatt: 'Saknar eller har återkallad F-skatt',
  ej_moms_arbetsgivarregistrerad: 'Ej moms- eller arbetsgivarregistrerad',
  skulder_kronofogden: 'Skulder hos Kronofogden',
  saknade_arbetsgivaravgifter: 'Saknade arbetsgivaravgifter senaste 3 månaderna',
  ej_anmalda_underleverantorer: 'Ej anmälda underleverantörer',
  fler_led_an_avtalet_tillater: 'Fler led än avtalet tillåter',
  okanda_personer_pa_plats: 'Okända personer på arbetsplatsen',
  saknar_id06: 'Saknar ID-kort (ID06)',
  misstankt_svart_arbetskraft: 'Misstänkt svart arbetskraft',
  undermaliga_boenden: 'Undermåliga boenden',
  ospecificerad_faktura: 'Ospecificerad faktura',
  saknas_i_leverantorsregistret: 'Leverantören saknas i leverantörsregistret',
  andrat_bankgiro_via_epost: 'Ändrat bankgiro via e-post',
  dubblettfakturor: 'Dubblettfakturor',
  aterkommande_overpriser: 'Återkommande överpriser',
  erbjudanden_gavor: 'Erbjudanden eller gåvor',
  patryckningar_hot_vid_upptackt: 'Påtryckningar eller hot vid upptäckt',
  onormalt_lagt_anbud: 'Onormalt lågt anbud',
};
