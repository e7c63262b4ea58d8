import type { InjectInput } from '@excon/contracts';
import type { Language, Objective } from '@excon/domain';

/** A demo inject names its targets by command post code; the seed turns them into ids. */
export type DemoInject = InjectInput;

/*
 * The demo MSEL: a CPX-like communications exercise of the CRC duty shift with the command posts of the
 * member states' defence and emergency ministries, after the joint training session of 20 December
 * (shared/seeds/crc-press-releases.txt). About 30 minutes of scenario time; "Ч" / "H" is STARTEX.
 * Every situation is fictional: places are marked «условный» ("notional"), and every message body starts
 * and ends with the exercise marking.
 */

const RU_MARK = 'УЧЕНИЯ УЧЕНИЯ УЧЕНИЯ';
const EN_MARK = 'EXERCISE EXERCISE EXERCISE';

/** A Russian message body with the exercise marking at its start and end. */
function ru(...lines: string[]): string {
  return [RU_MARK, ...lines, RU_MARK].join('\n');
}

/** An English message body with the exercise marking at its start and end. */
function en(...lines: string[]): string {
  return [EN_MARK, ...lines, EN_MARK].join('\n');
}

const MINISTRY_POSTS = ['AM-MOD', 'AM-MES', 'BY-MOD', 'BY-MES', 'KZ-MOD', 'KZ-MES', 'KG-MOD', 'KG-MES', 'RU-MOD', 'RU-MES', 'TJ-MOD', 'TJ-MES'];
const ALL_POSTS = [...MINISTRY_POSTS, 'CRC-DUTY'];

/** Simulated senders (played by EXCON). */
const DIRECTOR = 'Руководитель тренировки (Объединённый штаб ОДКБ)';
const CRC_DUTY_OFFICER = 'Оперативный дежурный ЦКР ОДКБ';
const SEISMIC_SERVICE = 'Дежурная служба сейсмологического мониторинга (имитируется)';

const OBJECTIVES: Objective[] = [
  {
    ref: 'O1',
    title: 'Своевременное получение и подтверждение сигналов и распоряжений дежурными сменами',
    capabilityTarget:
      'Каждый командный пункт подтверждает получение сигнала «Молния» не позднее 2 минут, остальных распоряжений — в установленный срок',
    criticalTasks: ['Принять сигнал и зарегистрировать его', 'Подтвердить получение в ЦКР', 'Довести сигнал до дежурной смены'],
  },
  {
    ref: 'O2',
    title: 'Полнота, точность и своевременность донесений и докладов об обстановке',
    capabilityTarget: 'Донесения об обстановке поступают в ЦКР к установленному сроку и содержат все требуемые сведения',
    criticalTasks: ['Собрать сведения об обстановке', 'Составить донесение по установленной форме', 'Передать донесение в срок'],
  },
  {
    ref: 'O3',
    title: 'Взаимодействие командных пунктов министерств обороны и министерств по чрезвычайным ситуациям',
    capabilityTarget: 'КП минобороны и МЧС одного государства обмениваются информацией и согласуют действия без запроса ЦКР',
    criticalTasks: ['Проинформировать КП другого министерства', 'Согласовать совместные действия', 'Доложить в ЦКР о принятом решении'],
  },
  {
    ref: 'O4',
    title: 'Переход на резервные каналы и средства связи при отказе основных',
    capabilityTarget: 'При отказе основного канала связь с ЦКР восстанавливается по резервному каналу не позднее 10 минут',
    criticalTasks: ['Обнаружить отказ основного канала', 'Перейти на резервный канал', 'Проверить связь с ЦКР'],
  },
];

const INJECTS: DemoInject[] = [
  {
    ref: 'T-01',
    offsetSeconds: 0,
    precedence: 'flash',
    targets: ALL_POSTS,
    from: DIRECTOR,
    title: 'Сигнал о начале тренировки. Подтвердить получение и доложить о готовности дежурной смены',
    body: ru(
      'Оперативным дежурным командных пунктов министерств обороны и министерств по чрезвычайным ситуациям государств — членов ОДКБ, дежурной смене ЦКР ОДКБ.',
      'Начата совместная тренировка дежурных смен Центра кризисного реагирования ОДКБ с командными пунктами министерств обороны и МЧС государств — членов Организации. Время начала тренировки — «Ч».',
      'Немедленно подтвердить получение настоящего сигнала.',
      'К Ч+05 доложить в ЦКР ОДКБ о готовности дежурной смены: фамилия оперативного дежурного, состав смены, состояние основных и резервных каналов связи.',
      'Вся обстановка в ходе тренировки — условная.',
      'Руководитель тренировки',
    ),
    translations: {
      en: {
        title: 'Start-of-session signal. Acknowledge receipt and report duty shift readiness',
        body: en(
          'To the duty officers of the command posts of the ministries of defence and ministries of emergency situations of the CSTO member states, and to the CSTO CRC duty shift.',
          'The joint training session of the duty shifts of the CSTO Crisis Response Center with the command posts of the defence and emergency ministries of the Organization\'s member states has begun. The start time of the session is "H".',
          'Acknowledge receipt of this signal immediately.',
          "By H+05 report to the CSTO CRC the readiness of the duty shift: the duty officer's name, the shift composition, the status of the primary and reserve communication channels.",
          'All situations during the session are simulated.',
          'Exercise Director',
        ),
      },
    },
    expectedAction:
      'Каждый КП подтверждает получение в течение 2 минут и к Ч+05 направляет доклад о готовности смены (ФИО оперативного дежурного, состав смены, состояние основного и резервного каналов). Дежурная смена ЦКР регистрирует время поступления подтверждений в журнале. Не подтвердившим в срок — контингентная вводная C-01.',
    ackWithinSeconds: 120,
    respondWithinSeconds: 300,
    objectiveRefs: ['O1', 'O2'],
    contingencyRef: 'C-01',
  },
  {
    ref: 'C-01',
    offsetSeconds: 150,
    precedence: 'flash',
    contingency: true,
    targets: ALL_POSTS,
    from: DIRECTOR,
    title: 'ПОВТОРНО: подтвердить получение сигнала о начале тренировки по резервному каналу',
    body: ru(
      'Подтверждение получения сигнала о начале тренировки от вашего командного пункта в установленное время (Ч+02) не поступило.',
      'Немедленно подтвердить получение по резервному каналу связи и доложить причину задержки.',
      'Руководитель тренировки',
    ),
    translations: {
      en: {
        title: 'REPEAT: acknowledge the start-of-session signal via the reserve channel',
        body: en(
          'No acknowledgement of the start-of-session signal was received from your command post within the set time (H+02).',
          'Acknowledge receipt immediately via the reserve communication channel and report the reason for the delay.',
          'Exercise Director',
        ),
      },
    },
    expectedAction:
      'Контингентная вводная: выдаётся только КП, не подтвердившим T-01 в срок. КП подтверждает получение в течение 1 минуты по резервному каналу и докладывает причину задержки; оценщик отмечает невыполнение норматива по O1.',
    ackWithinSeconds: 60,
    objectiveRefs: ['O1', 'O4'],
  },
  {
    ref: 'T-02',
    offsetSeconds: 60,
    precedence: 'routine',
    targets: ['CRC-DUTY'],
    from: DIRECTOR,
    title: 'Порядок проведения тренировки и представления докладов',
    body: ru(
      'Дежурной смене ЦКР ОДКБ.',
      '1. Тренировка проводится с Ч до Ч+30 в форме командно-штабной тренировки по связи.',
      '2. Доклады командных пунктов принимать по основным каналам, при их отказе — по резервным. Все поступившие и отправленные сообщения регистрировать в журнале оперативного дежурного с указанием московского времени.',
      '3. Сводный доклад о готовности командных пунктов государств — членов представить руководителю тренировки к Ч+07.',
      '4. Обобщённые доклады об обстановке готовить по форме «Донесение о чрезвычайной ситуации».',
      'Подтвердить получение.',
    ),
    translations: {
      en: {
        title: 'Procedure of the session and of reporting',
        body: en(
          'To the CSTO CRC duty shift.',
          '1. The session runs from H to H+30 as a command post communications exercise.',
          "2. Receive the command posts' reports over the primary channels and, if these fail, over the reserve channels. Record every message received and sent in the duty officer's log with Moscow time.",
          "3. Submit the consolidated readiness report of the member states' command posts to the Exercise Director by H+07.",
          '4. Prepare consolidated situation reports using the "Emergency situation report" form.',
          'Acknowledge receipt.',
        ),
      },
    },
    expectedAction:
      'Довести порядок до смены, открыть журнал оперативного дежурного; к Ч+07 представить руководителю сводный доклад о готовности 12 командных пунктов с указанием не доложивших.',
    ackWithinSeconds: 300,
    respondWithinSeconds: 360,
    objectiveRefs: ['O1', 'O2'],
  },
  {
    ref: 'T-03',
    offsetSeconds: 180,
    precedence: 'routine',
    targets: MINISTRY_POSTS,
    from: CRC_DUTY_OFFICER,
    title: 'Проверка каналов связи с ЦКР ОДКБ',
    body: ru(
      'Проводится проверка каналов связи ЦКР ОДКБ с командными пунктами министерств обороны и МЧС государств — членов.',
      'В течение 3 минут подтвердить получение по основному каналу и передать контрольное сообщение «Проверка связи» по резервному каналу.',
      'Качество связи по каждому каналу оценить по пятибалльной шкале и указать в ответе.',
    ),
    translations: {
      en: {
        title: 'Check of communication channels with the CSTO CRC',
        body: en(
          "A check of the communication channels between the CSTO CRC and the command posts of the member states' defence and emergency ministries is under way.",
          'Within 3 minutes acknowledge receipt over the primary channel and send the test message "Communications check" over the reserve channel.',
          'Rate the quality of each channel on a five-point scale and state it in the reply.',
        ),
      },
    },
    expectedAction:
      'Подтвердить получение по основному каналу в течение 3 минут; передать контрольное сообщение по резервному каналу с оценкой качества связи по каждому каналу.',
    ackWithinSeconds: 180,
    respondWithinSeconds: 300,
    objectiveRefs: ['O1', 'O4'],
  },
  {
    ref: 'T-04',
    offsetSeconds: 300,
    precedence: 'flash',
    targets: ['KG-MES'],
    from: SEISMIC_SERVICE,
    title: 'Землетрясение магнитудой 6,8 в условном районе «Ала-Тоо-7»',
    body: ru(
      'В Ч+04 в условном районе «Ала-Тоо-7» зарегистрировано землетрясение магнитудой 6,8, глубина очага 15 км. Интенсивность в эпицентре — до 8 баллов.',
      'По предварительным данным, в условном населённом пункте Сары-Жайык повреждены жилые дома и здание школы, нарушено электро- и газоснабжение, имеются пострадавшие.',
      'Уточнённые данные будут переданы по мере поступления.',
    ),
    translations: {
      en: {
        title: 'Magnitude 6.8 earthquake in the notional area "Ala-Too-7"',
        body: en(
          'At H+04 an earthquake of magnitude 6.8 with a focal depth of 15 km was recorded in the notional area "Ala-Too-7". Intensity at the epicentre is up to 8 points.',
          'According to preliminary data, residential buildings and a school have been damaged in the notional settlement of Sary-Zhaiyk, power and gas supplies are disrupted, and there are casualties.',
          'Updated data will follow as they become available.',
        ),
      },
    },
    expectedAction:
      'Подтвердить в течение 1 минуты; ввести режим чрезвычайной ситуации; в течение 5 минут направить первичное донесение в ЦКР ОДКБ и проинформировать КП МО Кыргызской Республики.',
    ackWithinSeconds: 60,
    respondWithinSeconds: 300,
    objectiveRefs: ['O1', 'O2', 'O3'],
  },
  {
    ref: 'T-05',
    offsetSeconds: 330,
    precedence: 'flash',
    targets: ['CRC-DUTY'],
    from: 'Система мониторинга ЦКР ОДКБ (имитируется)',
    title: 'Данные мониторинга: сильное землетрясение на территории Кыргызской Республики',
    body: ru(
      'По данным системы мониторинга ЦКР ОДКБ, в Ч+04 на территории Кыргызской Республики произошло землетрясение магнитудой 6,8 (условный район «Ала-Тоо-7»).',
      'Возможны разрушения и человеческие жертвы.',
      'Донесение от КП МЧС Кыргызской Республики по состоянию на Ч+05 не поступало.',
    ),
    translations: {
      en: {
        title: 'Monitoring data: strong earthquake in the Kyrgyz Republic',
        body: en(
          'According to the CSTO CRC monitoring system, a magnitude 6.8 earthquake occurred in the Kyrgyz Republic at H+04 (notional area "Ala-Too-7").',
          'Destruction and loss of life are possible.',
          'As of H+05 no report has been received from the command post of the Ministry of Emergency Situations of the Kyrgyz Republic.',
        ),
      },
    },
    expectedAction:
      'Подтвердить; запросить сведения у КП МЧС и КП МО Кыргызской Республики; доложить руководителю тренировки первичную информацию; предупредить КП МЧС государств — членов о возможном запросе помощи.',
    ackWithinSeconds: 60,
    objectiveRefs: ['O1', 'O3'],
  },
  {
    ref: 'T-06',
    offsetSeconds: 420,
    precedence: 'immediate',
    targets: ['KG-MOD'],
    from: 'Оперативный дежурный Генерального штаба ВС Кыргызской Республики (имитируется)',
    title: 'Последствия землетрясения для военных объектов. Готовность инженерного подразделения',
    body: ru(
      'В результате землетрясения в условном военном городке «Восточный» повреждено здание казармы. Личный состав выведен, пострадавших нет. Связь с гарнизоном поддерживается по резервному радиоканалу.',
      'МЧС Кыргызской Республики запрашивает выделение инженерной техники и личного состава для разбора завалов в условном населённом пункте Сары-Жайык.',
      'Привести дежурное инженерное подразделение в готовность к выдвижению, порядок действий согласовать с КП МЧС. О принятом решении доложить в ЦКР ОДКБ.',
    ),
    translations: {
      en: {
        title: 'Earthquake damage to military facilities. Readiness of the engineer unit',
        body: en(
          'The earthquake damaged a barracks building in the notional military compound "Vostochny". Personnel have been evacuated, there are no casualties. Contact with the garrison is maintained over the reserve radio channel.',
          'The Ministry of Emergency Situations of the Kyrgyz Republic requests engineering equipment and personnel to clear rubble in the notional settlement of Sary-Zhaiyk.',
          "Bring the duty engineer unit to readiness to move out and coordinate the course of action with the emergency ministry's command post. Report the decision to the CSTO CRC.",
        ),
      },
    },
    expectedAction:
      'Подтвердить; связаться с КП МЧС Кыргызской Республики для согласования района работ и маршрута; доложить в ЦКР состав выделяемых сил (личный состав, техника) и время готовности.',
    ackWithinSeconds: 120,
    respondWithinSeconds: 600,
    objectiveRefs: ['O2', 'O3'],
  },
  {
    ref: 'T-07',
    offsetSeconds: 480,
    precedence: 'immediate',
    targets: ['CRC-DUTY'],
    from: 'Заместитель Генерального секретаря ОДКБ (имитируется)',
    title: 'Подготовить доклад Генеральному секретарю ОДКБ об обстановке в Кыргызской Республике',
    body: ru(
      'К Ч+20 подготовить и представить доклад Генеральному секретарю ОДКБ об обстановке в районе землетрясения:',
      '— число погибших и пострадавших, масштаб разрушений;',
      '— действия национальных органов управления;',
      '— поступившие запросы о помощи;',
      '— возможности государств — членов по оказанию помощи.',
    ),
    translations: {
      en: {
        title: 'Prepare a report to the CSTO Secretary General on the situation in the Kyrgyz Republic',
        body: en(
          'By H+20 prepare and submit a report to the CSTO Secretary General on the situation in the earthquake area:',
          '- number of dead and injured, extent of destruction;',
          '- actions of the national authorities;',
          '- requests for assistance received;',
          "- the member states' capacity to provide assistance.",
        ),
      },
    },
    expectedAction:
      'Собрать сведения от КП МЧС и КП МО Кыргызской Республики и ответы на предварительное распоряжение (T-08); к Ч+20 направить доклад с указанием источников и времени получения сведений.',
    ackWithinSeconds: 120,
    respondWithinSeconds: 900,
    objectiveRefs: ['O2'],
  },
  {
    ref: 'T-08',
    offsetSeconds: 540,
    precedence: 'priority',
    targets: ['KZ-MES', 'TJ-MES', 'RU-MES'],
    from: CRC_DUTY_OFFICER,
    title: 'Предварительное распоряжение о готовности к оказанию помощи Кыргызской Республике',
    body: ru(
      'В связи с землетрясением на территории Кыргызской Республики (условный район «Ала-Тоо-7») возможно поступление запроса о помощи.',
      'К Ч+20 доложить: состав поисково-спасательных сил и аэромобильных группировок, которые могут быть направлены; время их готовности к выдвижению; потребность в транспортных средствах.',
      'Решение о направлении сил будет доведено дополнительно.',
    ),
    translations: {
      en: {
        title: 'Warning order: readiness to assist the Kyrgyz Republic',
        body: en(
          'Following the earthquake in the Kyrgyz Republic (notional area "Ala-Too-7"), a request for assistance may be received.',
          'By H+20 report: the search-and-rescue forces and airmobile groups that could be sent; the time at which they will be ready to move; the transport required.',
          'The decision to send forces will be communicated separately.',
        ),
      },
    },
    expectedAction: 'Подтвердить; к Ч+20 доложить состав сил, время готовности и потребность в транспорте; силы не выдвигать до решения.',
    ackWithinSeconds: 180,
    respondWithinSeconds: 660,
    objectiveRefs: ['O2', 'O3'],
  },
  {
    ref: 'T-09',
    offsetSeconds: 600,
    precedence: 'priority',
    targets: ['KG-MES'],
    from: CRC_DUTY_OFFICER,
    title: 'Запрос информации о последствиях землетрясения',
    body: ru(
      'Прошу в течение 10 минут представить донесение о чрезвычайной ситуации:',
      '1) время и место;',
      '2) число погибших, пострадавших, эвакуированных;',
      '3) разрушенные и повреждённые объекты;',
      '4) состояние систем жизнеобеспечения;',
      '5) привлечённые силы и средства;',
      '6) потребность в помощи государств — членов ОДКБ.',
    ),
    translations: {
      en: {
        title: 'Request for information on the consequences of the earthquake',
        body: en(
          'Please submit an emergency situation report within 10 minutes:',
          '1) time and place;',
          '2) number of dead, injured and evacuated;',
          '3) destroyed and damaged facilities;',
          '4) status of utilities and life-support systems;',
          '5) forces and resources engaged;',
          '6) assistance required from the CSTO member states.',
        ),
      },
    },
    expectedAction: 'Направить донесение по шести пунктам в течение 10 минут; при неполноте сведений указать, что уточняется и к какому времени.',
    ackWithinSeconds: 120,
    respondWithinSeconds: 600,
    objectiveRefs: ['O2'],
  },
  {
    ref: 'T-10',
    offsetSeconds: 660,
    precedence: 'immediate',
    targets: ['BY-MOD'],
    from: 'Начальник узла связи КП МО Республики Беларусь (имитируется)',
    title: 'Отказ основного канала связи с ЦКР ОДКБ',
    body: ru(
      'В Ч+11 вышел из строя основной канал передачи данных КП МО с ЦКР ОДКБ (условное повреждение волоконно-оптической линии связи).',
      'Ориентировочное время восстановления — не ранее Ч+60.',
      'Резервный спутниковый канал и канал КВ-радиосвязи исправны.',
    ),
    translations: {
      en: {
        title: 'Failure of the primary communication channel with the CSTO CRC',
        body: en(
          'At H+11 the primary data channel between the MoD command post and the CSTO CRC failed (simulated damage to the fibre-optic line).',
          'Estimated restoration time: not before H+60.',
          'The reserve satellite channel and the HF radio channel are serviceable.',
        ),
      },
    },
    expectedAction:
      'Перейти на резервный канал; по резервному каналу проинформировать ЦКР об отказе и ожидаемом времени восстановления; передать контрольное сообщение.',
    ackWithinSeconds: 60,
    respondWithinSeconds: 300,
    objectiveRefs: ['O4'],
  },
  {
    ref: 'T-11',
    offsetSeconds: 720,
    precedence: 'priority',
    targets: ['CRC-DUTY'],
    from: 'Дежурный инженер узла связи ЦКР ОДКБ (имитируется)',
    title: 'Потеря связи с КП МО Республики Беларусь по основному каналу',
    body: ru(
      'С Ч+11 отсутствует связь с командным пунктом Министерства обороны Республики Беларусь по основному каналу передачи данных. Причина устанавливается.',
      'Резервные каналы к КП МО Республики Беларусь находятся в готовности.',
    ),
    translations: {
      en: {
        title: 'Loss of primary-channel contact with the MoD command post of the Republic of Belarus',
        body: en(
          'Since H+11 there has been no contact with the command post of the Ministry of Defence of the Republic of Belarus over the primary data channel. The cause is being established.',
          'The reserve channels to the MoD command post of the Republic of Belarus are ready.',
        ),
      },
    },
    expectedAction:
      'Установить связь с КП МО Республики Беларусь по резервному каналу, проверить прохождение сообщений, сделать запись в журнале, доложить руководителю тренировки.',
    ackWithinSeconds: 120,
    objectiveRefs: ['O1', 'O4'],
  },
  {
    ref: 'T-12',
    offsetSeconds: 780,
    precedence: 'flash',
    targets: ['TJ-MOD'],
    from: 'Оперативный дежурный Генерального штаба ВС Республики Таджикистан (имитируется)',
    title: 'Вооружённый инцидент на условном участке государственной границы «Южный-3»',
    body: ru(
      'В Ч+12 на условном участке государственной границы «Южный-3» условная вооружённая группа численностью до 30 человек предприняла попытку прорыва на территорию Республики Таджикистан.',
      'Ведётся огневой контакт с пограничным нарядом. Обстрелу подвергся условный населённый пункт Шахрак. Данные о потерях уточняются.',
      'Дежурные силы приведены в повышенную готовность.',
    ),
    translations: {
      en: {
        title: 'Armed incident on the notional state border section "Yuzhny-3"',
        body: en(
          'At H+12, on the notional state border section "Yuzhny-3", a notional armed group of up to 30 people attempted to break through into the territory of the Republic of Tajikistan.',
          'The border patrol is engaged in a firefight. The notional settlement of Shakhrak has come under fire. Casualty figures are being clarified.',
          'The duty forces have been brought to increased readiness.',
        ),
      },
    },
    expectedAction:
      'Подтвердить в течение 1 минуты; немедленно направить срочное донесение в ЦКР ОДКБ; проинформировать КП КЧС и ГО Республики Таджикистан об угрозе населению и согласовать эвакуацию.',
    ackWithinSeconds: 60,
    respondWithinSeconds: 300,
    objectiveRefs: ['O1', 'O2', 'O3'],
  },
  {
    ref: 'T-13',
    offsetSeconds: 840,
    precedence: 'immediate',
    targets: ['RU-MOD', 'KZ-MOD', 'KG-MOD'],
    from: CRC_DUTY_OFFICER,
    title: 'Оповещение об обострении обстановки на границе Республики Таджикистан',
    body: ru(
      'По данным КП МО Республики Таджикистан, в Ч+12 на условном участке границы «Южный-3» произошёл вооружённый инцидент с участием условной вооружённой группы численностью до 30 человек.',
      'К Ч+29 доложить о готовности подразделений, выделенных в состав Коллективных сил оперативного реагирования ОДКБ, к выполнению задач при возможном обращении Республики Таджикистан.',
      'Фактическое выдвижение сил не производить.',
    ),
    translations: {
      en: {
        title: 'Alert: deteriorating situation on the border of the Republic of Tajikistan',
        body: en(
          'According to the MoD command post of the Republic of Tajikistan, an armed incident involving a notional armed group of up to 30 people occurred at H+12 on the notional border section "Yuzhny-3".',
          'By H+29 report the readiness of the units assigned to the CSTO Collective Rapid Reaction Forces to carry out tasks should the Republic of Tajikistan request it.',
          'Do not actually move any forces.',
        ),
      },
    },
    expectedAction:
      'Подтвердить; к Ч+29 доложить готовность выделенных в КСОР подразделений (состав, время готовности) без фактического привлечения сил.',
    ackWithinSeconds: 120,
    respondWithinSeconds: 900,
    objectiveRefs: ['O2', 'O3'],
  },
  {
    ref: 'T-14',
    offsetSeconds: 900,
    precedence: 'priority',
    targets: ['TJ-MES'],
    from: 'Начальник штаба гражданской защиты условного района (имитируется)',
    title: 'Эвакуация населения из приграничного населённого пункта Шахрак',
    body: ru(
      'В связи с обстрелом условного населённого пункта Шахрак принято решение об эвакуации около 1200 жителей в пункт временного размещения в условном населённом пункте Навбахор.',
      'Требуются автотранспорт, палатки, медицинский персонал.',
      'Маршруты эвакуации необходимо согласовать с военным командованием.',
    ),
    translations: {
      en: {
        title: 'Evacuation of the population of the border settlement of Shakhrak',
        body: en(
          'Following the shelling of the notional settlement of Shakhrak, a decision has been taken to evacuate about 1,200 residents to a temporary accommodation centre in the notional settlement of Navbakhor.',
          'Vehicles, tents and medical staff are needed.',
          'The evacuation routes must be agreed with the military command.',
        ),
      },
    },
    expectedAction:
      'Подтвердить; согласовать с КП МО Республики Таджикистан безопасные маршруты эвакуации; доложить в ЦКР о ходе эвакуации и потребностях.',
    ackWithinSeconds: 120,
    respondWithinSeconds: 600,
    objectiveRefs: ['O2', 'O3'],
  },
  {
    ref: 'T-15',
    offsetSeconds: 960,
    precedence: 'routine',
    targets: ['AM-MOD', 'AM-MES', 'BY-MES'],
    from: CRC_DUTY_OFFICER,
    title: 'Информационная сводка ЦКР ОДКБ № 1',
    body: ru(
      'Обстановка на Ч+15:',
      '1. Кыргызская Республика — землетрясение магнитудой 6,8 в условном районе «Ала-Тоо-7», последствия уточняются. КП МЧС ряда государств — членов получили предварительное распоряжение о готовности к оказанию помощи.',
      '2. Республика Таджикистан — вооружённый инцидент на условном участке границы «Южный-3», проводится эвакуация жителей приграничного населённого пункта.',
      '3. Связь с КП МО Республики Беларусь поддерживается по резервному каналу.',
      'Сводка направляется для сведения, доклад не требуется. Подтвердить получение.',
    ),
    translations: {
      en: {
        title: 'CSTO CRC information summary No. 1',
        body: en(
          'Situation at H+15:',
          '1. Kyrgyz Republic: magnitude 6.8 earthquake in the notional area "Ala-Too-7"; consequences being clarified. The emergency ministries\' command posts of several member states have received a warning order to be ready to provide assistance.',
          '2. Republic of Tajikistan: armed incident on the notional border section "Yuzhny-3"; residents of a border settlement are being evacuated.',
          '3. Contact with the MoD command post of the Republic of Belarus is maintained over the reserve channel.',
          'This summary is for information; no report is required. Acknowledge receipt.',
        ),
      },
    },
    expectedAction: 'Подтвердить получение и довести сводку до дежурной смены; доклад не требуется.',
    ackWithinSeconds: 300,
    objectiveRefs: ['O1'],
  },
  {
    ref: 'T-16',
    offsetSeconds: 1020,
    precedence: 'immediate',
    targets: ['KZ-MES'],
    from: 'Дежурный гидролог национальной гидрометеослужбы (имитируется)',
    title: 'Затор льда на условной реке Ак-Су, угроза подтопления населённого пункта',
    body: ru(
      'На условной реке Ак-Су в районе условного населённого пункта Береговое образовался затор льда.',
      'За последние 3 часа уровень воды поднялся на 1,2 м и находится в 0,4 м от опасной отметки.',
      'При сохранении тенденции в течение 4–6 часов возможно подтопление до 150 жилых домов (около 600 жителей).',
    ),
    translations: {
      en: {
        title: 'Ice jam on the notional Ak-Su river, threat of flooding of a settlement',
        body: en(
          'An ice jam has formed on the notional Ak-Su river near the notional settlement of Beregovoye.',
          'Over the past 3 hours the water level has risen by 1.2 m and is 0.4 m below the danger mark.',
          'If the trend continues, up to 150 homes (about 600 residents) may be flooded within 4-6 hours.',
        ),
      },
    },
    expectedAction:
      'Подтвердить; направить донесение в ЦКР ОДКБ; запросить через КП МО Республики Казахстан сапёрное подразделение для подрыва затора; подготовить эвакуацию жителей.',
    ackWithinSeconds: 120,
    respondWithinSeconds: 600,
    objectiveRefs: ['O2', 'O3'],
  },
  {
    ref: 'T-17',
    offsetSeconds: 1080,
    precedence: 'priority',
    targets: ['KZ-MOD'],
    from: 'Оперативный дежурный Генерального штаба ВС Республики Казахстан (имитируется)',
    title: 'Запрос МЧС на привлечение сапёрного подразделения для ликвидации затора льда',
    body: ru(
      'Поступил запрос МЧС Республики Казахстан о выделении сапёрного подразделения и взрывчатых веществ для ликвидации затора льда на условной реке Ак-Су.',
      'Определить подразделение, рассчитать время выдвижения, порядок работ согласовать с КП МЧС.',
      'О принятом решении доложить в ЦКР ОДКБ.',
    ),
    translations: {
      en: {
        title: 'Emergency ministry request for a sapper unit to clear the ice jam',
        body: en(
          'The Ministry for Emergency Situations of the Republic of Kazakhstan has requested a sapper unit and explosives to clear the ice jam on the notional Ak-Su river.',
          "Designate the unit, calculate the time needed to move out, and agree the work procedure with the emergency ministry's command post.",
          'Report the decision to the CSTO CRC.',
        ),
      },
    },
    expectedAction: 'Подтвердить; согласовать с КП МЧС Республики Казахстан место и время работ; доложить в ЦКР состав группы и время прибытия.',
    ackWithinSeconds: 180,
    respondWithinSeconds: 600,
    objectiveRefs: ['O3'],
  },
  {
    ref: 'T-18',
    offsetSeconds: 1140,
    precedence: 'immediate',
    targets: ['AM-MES', 'AM-MOD'],
    from: 'Дежурная часть полиции условного марза (имитируется)',
    title: 'Сход снежной лавины на условном перевале № 2, заблокированы автомобили',
    body: ru(
      'В Ч+18 на условном горном перевале № 2 произошёл сход снежной лавины. Заблокирован участок автодороги протяжённостью около 300 м.',
      'В снежном плену находятся 14 автомобилей, до 40 человек, в том числе дети. Температура воздуха минус 15 °C, продолжается снегопад.',
      'Наземный подъезд спасательных сил затруднён, требуется вертолёт.',
    ),
    translations: {
      en: {
        title: 'Avalanche on notional mountain pass No. 2, vehicles trapped',
        body: en(
          'At H+18 an avalanche came down on notional mountain pass No. 2, blocking about 300 m of the road.',
          '14 vehicles with up to 40 people, including children, are trapped by snow. The air temperature is minus 15 °C and it is still snowing.',
          'Ground access for rescue forces is difficult; a helicopter is needed.',
        ),
      },
    },
    expectedAction:
      'КП МЧС: подтвердить, направить спасательные силы, запросить вертолёт у КП МО. КП МО: подтвердить, подготовить вертолёт и инженерную технику по запросу МЧС. Оба КП — согласованный доклад в ЦКР ОДКБ.',
    ackWithinSeconds: 120,
    respondWithinSeconds: 600,
    objectiveRefs: ['O2', 'O3'],
  },
  {
    ref: 'T-19',
    offsetSeconds: 1200,
    precedence: 'routine',
    targets: ['RU-MES', 'BY-MES'],
    from: CRC_DUTY_OFFICER,
    title: 'Запрос сведений о силах, готовых к межгосударственному реагированию',
    body: ru(
      'Для уточнения плана взаимодействия прошу к Ч+30 представить сведения о силах и средствах, находящихся в готовности к направлению в другие государства — члены ОДКБ для ликвидации чрезвычайных ситуаций:',
      'состав, численность, техника, авиация, время готовности.',
    ),
    translations: {
      en: {
        title: 'Request for data on forces ready for interstate response',
        body: en(
          'To update the coordination plan, please submit by H+30 data on the forces and resources held ready to be sent to other CSTO member states for emergency response:',
          'composition, strength, equipment, aircraft, time of readiness.',
        ),
      },
    },
    expectedAction: 'Подтвердить; к Ч+30 представить сведения по установленному перечню.',
    ackWithinSeconds: 300,
    respondWithinSeconds: 600,
    objectiveRefs: ['O2'],
  },
  {
    ref: 'T-20',
    offsetSeconds: 1260,
    precedence: 'flash',
    targets: ['CRC-DUTY'],
    from: DIRECTOR,
    title: 'Отказ основной системы видеоконференцсвязи ЦКР ОДКБ',
    body: ru(
      'В Ч+21 вышла из строя основная система видеоконференцсвязи ЦКР ОДКБ (условно).',
      'Запланированный на Ч+25 сеанс видеоконференцсвязи с командными пунктами МЧС Кыргызской Республики, Республики Казахстан, Республики Таджикистан и Российской Федерации провести с использованием резервных средств связи.',
      'О готовности доложить к Ч+24.',
    ),
    translations: {
      en: {
        title: 'Failure of the CSTO CRC primary videoconferencing system',
        body: en(
          'At H+21 the primary videoconferencing system of the CSTO CRC failed (simulated).',
          "Hold the videoconference planned for H+25 with the emergency ministries' command posts of the Kyrgyz Republic, the Republic of Kazakhstan, the Republic of Tajikistan and the Russian Federation using reserve means of communication.",
          'Report readiness by H+24.',
        ),
      },
    },
    expectedAction:
      'Подтвердить в течение 1 минуты; развернуть резервный комплекс ВКС или телефонную конференцсвязь; оповестить участников сеанса о переходе на резервные средства; к Ч+24 доложить о готовности.',
    ackWithinSeconds: 60,
    respondWithinSeconds: 180,
    objectiveRefs: ['O1', 'O4'],
  },
  {
    ref: 'T-21',
    offsetSeconds: 1380,
    precedence: 'priority',
    targets: ['RU-MOD', 'RU-MES'],
    from: CRC_DUTY_OFFICER,
    title: 'Согласование авиационной переброски сил помощи в Кыргызскую Республику',
    body: ru(
      'Поступил запрос Кыргызской Республики об оказании помощи (условно). МЧС России планирует направить аэромобильную группировку численностью 120 человек.',
      'КП МЧС России и КП МО Российской Федерации согласовать выделение военно-транспортной авиации, аэродромы погрузки и выгрузки, ориентировочное время вылета.',
      'Согласованные предложения доложить в ЦКР ОДКБ.',
    ),
    translations: {
      en: {
        title: 'Coordinating the airlift of assistance forces to the Kyrgyz Republic',
        body: en(
          'A request for assistance has been received from the Kyrgyz Republic (simulated). EMERCOM of Russia plans to send an airmobile group of 120 personnel.',
          'The EMERCOM command post and the MoD command post of the Russian Federation are to agree on the allocation of military transport aircraft, the loading and unloading airfields, and the estimated departure time.',
          'Report the agreed proposals to the CSTO CRC.',
        ),
      },
    },
    expectedAction:
      'КП МЧС и КП МО России связываются напрямую, согласуют число и тип самолётов, аэродромы и время вылета; направляют в ЦКР согласованный (единый) доклад.',
    ackWithinSeconds: 180,
    respondWithinSeconds: 420,
    objectiveRefs: ['O3'],
  },
  {
    ref: 'T-22',
    offsetSeconds: 1440,
    precedence: 'routine',
    targets: ['KG-MOD', 'KG-MES', 'TJ-MOD', 'TJ-MES'],
    from: CRC_DUTY_OFFICER,
    title: 'Уточнение обстановки на Ч+24',
    body: ru(
      'Прошу к Ч+28 представить уточнённые донесения об обстановке по установленной форме с указанием изменений с момента предыдущего доклада.',
      'Донесения КП министерства обороны и КП МЧС одного государства сверить между собой по числу пострадавших и привлечённым силам.',
    ),
    translations: {
      en: {
        title: 'Situation update at H+24',
        body: en(
          'Please submit by H+28 updated situation reports in the established form, stating the changes since the previous report.',
          "The reports of the defence ministry's and the emergency ministry's command posts of the same state are to be cross-checked on casualty figures and forces engaged.",
        ),
      },
    },
    expectedAction:
      'Подтвердить; к Ч+28 направить уточнённые донесения, сверенные между КП МО и КП МЧС своего государства (расхождения в цифрах — замечание по O3).',
    ackWithinSeconds: 240,
    respondWithinSeconds: 240,
    objectiveRefs: ['O2', 'O3'],
  },
  {
    ref: 'T-23',
    offsetSeconds: 1560,
    precedence: 'flash',
    targets: ['KG-MES', 'CRC-DUTY'],
    from: SEISMIC_SERVICE,
    title: 'Повторный подземный толчок магнитудой 5,9 в условном районе «Ала-Тоо-7»',
    body: ru(
      'В Ч+26 в условном районе «Ала-Тоо-7» зарегистрирован повторный подземный толчок магнитудой 5,9.',
      'Возможны обрушения ранее повреждённых зданий в условном населённом пункте Сары-Жайык. Угроза спасателям, работающим на завалах.',
    ),
    translations: {
      en: {
        title: 'Magnitude 5.9 aftershock in the notional area "Ala-Too-7"',
        body: en(
          'At H+26 a magnitude 5.9 aftershock was recorded in the notional area "Ala-Too-7".',
          'Previously damaged buildings in the notional settlement of Sary-Zhaiyk may collapse. Rescuers working in the rubble are at risk.',
        ),
      },
    },
    expectedAction:
      'КП МЧС Кыргызской Республики: подтвердить в течение 1 минуты, вывести спасателей из опасных зон, доложить в ЦКР. Дежурная смена ЦКР: подтвердить, довести до КП МЧС, готовящих помощь, учесть в докладе Генеральному секретарю.',
    ackWithinSeconds: 60,
    objectiveRefs: ['O1', 'O2'],
  },
  {
    ref: 'T-24',
    offsetSeconds: 1680,
    precedence: 'priority',
    targets: MINISTRY_POSTS,
    from: CRC_DUTY_OFFICER,
    title: 'Доклад об итогах тренировки',
    body: ru(
      'К Ч+32 представить в ЦКР ОДКБ краткий доклад об итогах тренировки:',
      '— выполненные мероприятия;',
      '— время получения и подтверждения сигналов;',
      '— выявленные недостатки в работе основных и резервных каналов связи;',
      '— предложения.',
    ),
    translations: {
      en: {
        title: 'Report on the results of the session',
        body: en(
          'By H+32 submit to the CSTO CRC a brief report on the results of the session:',
          '- activities carried out;',
          '- times at which signals were received and acknowledged;',
          '- shortcomings found in the primary and reserve communication channels;',
          '- proposals.',
        ),
      },
    },
    expectedAction: 'Подтвердить; к Ч+32 направить краткий доклад по четырём пунктам.',
    ackWithinSeconds: 180,
    respondWithinSeconds: 240,
    objectiveRefs: ['O2', 'O4'],
  },
  {
    ref: 'T-25',
    offsetSeconds: 1800,
    precedence: 'routine',
    targets: ALL_POSTS,
    from: DIRECTOR,
    title: 'Окончание тренировки',
    body: ru(
      'Совместная тренировка дежурных смен ЦКР ОДКБ с командными пунктами министерств обороны и МЧС государств — членов завершена.',
      'Вся условная обстановка снимается. Средства связи перевести в штатный режим работы.',
      'Подтвердить получение.',
      'Руководитель тренировки',
    ),
    translations: {
      en: {
        title: 'End of the session (ENDEX)',
        body: en(
          "The joint training session of the CSTO CRC duty shifts with the command posts of the member states' defence and emergency ministries has ended.",
          'All simulated situations are cancelled. Return communication equipment to normal operation.',
          'Acknowledge receipt.',
          'Exercise Director',
        ),
      },
    },
    expectedAction: 'Подтвердить получение; перевести средства связи в штатный режим; сделать запись в журнале.',
    ackWithinSeconds: 300,
    objectiveRefs: ['O1'],
  },
];

export const DEMO_SCENARIO: { title: string; description: string; language: Language; objectives: Objective[]; injects: DemoInject[] } = {
  title: 'Совместная тренировка дежурных смен ЦКР с командными пунктами минобороны и МЧС государств-членов',
  description:
    'Командно-штабная тренировка по связи дежурной смены Центра кризисного реагирования ОДКБ с командными пунктами министерств обороны и министерств по чрезвычайным ситуациям государств — членов Организации (по образцу совместной тренировки 20 декабря). ' +
    'Отрабатываются: доведение сигналов и подтверждение их получения; сбор и обобщение донесений об обстановке при условном землетрясении в Кыргызской Республике, вооружённом инциденте на границе Республики Таджикистан, заторе льда в Республике Казахстан и сходе лавины в Республике Армения; ' +
    'взаимодействие КП минобороны и МЧС; переход на резервные каналы связи. Продолжительность — около 30 минут. Вся обстановка условная.',
  language: 'ru',
  objectives: OBJECTIVES,
  injects: INJECTS,
};
